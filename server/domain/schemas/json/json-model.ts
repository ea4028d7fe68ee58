// JSON Schema as the typed tree Confluent's checker reasons about: one node per schema, whose
// class is decided by its keywords the way the everit loader decides it (a `type` list becomes
// an anyOf, several independent keyword groups become a synthetic allOf, keywords without a
// `type` still make a typed node that does not require the type). Compatibility rules are
// written against this tree, so matching the reference verdicts starts with matching its shape.
import { safeRegExp, type SafePattern } from "@/server/lib/safe-regex";

export type JsonNode =
  | ({ kind: "empty" | "true" | "false" | "boolean" | "null" } & Common)
  | ({ kind: "string"; minLength?: number; maxLength?: number; pattern?: string } & Common)
  | ({
      kind: "number";
      requiresInteger: boolean;
      minimum?: number;
      maximum?: number;
      exclusiveMinimum?: number;
      exclusiveMaximum?: number;
      multipleOf?: number;
    } & Common)
  | ({
      kind: "object";
      properties: Map<string, JsonNode>;
      required: Set<string>;
      permitsAdditional: boolean;
      additional?: JsonNode;
      patternProperties: [SafePattern, JsonNode][];
      propertyDependencies: Map<string, Set<string>>;
      schemaDependencies: Map<string, JsonNode>;
      minProperties?: number;
      maxProperties?: number;
    } & Common)
  | ({
      kind: "array";
      allItems?: JsonNode;
      itemSchemas?: JsonNode[];
      permitsAdditionalItems: boolean;
      additionalItems?: JsonNode;
      unevaluatedItems?: JsonNode;
      minItems?: number;
      maxItems?: number;
      uniqueItems: boolean;
      minContains?: number;
      maxContains?: number;
    } & Common)
  | ({ kind: "enum"; values: unknown[] } & Common)
  | ({ kind: "const"; value: unknown } & Common)
  | ({ kind: "not"; mustNotMatch: JsonNode } & Common)
  | ({ kind: "combined"; criterion: "allOf" | "anyOf" | "oneOf"; subschemas: JsonNode[]; keys: string[] } & Common)
  | ({ kind: "ref"; ref: string; target: () => JsonNode } & Common);

type Common = { id?: string; title?: string; description?: string; default?: unknown; hasDefault: boolean; connectType?: string };

export class JsonSchemaError extends Error {}

type Draft = 4 | 6 | 7 | 2019 | 2020;

type Loader = { root: unknown; draft: Draft; external: Map<string, unknown>; cache: Map<unknown, JsonNode> };

/** Builds the tree; `external` maps reference names (URLs, file names) to parsed schemas. */
export function loadJsonSchema(root: unknown, external = new Map<string, unknown>()): JsonNode {
  const loader: Loader = { root, draft: draftOf(root), external, cache: new Map() };
  return load(loader, root, root);
}

function draftOf(root: unknown): Draft {
  const uri = root && typeof root === "object" ? String((root as Record<string, unknown>).$schema ?? "") : "";
  if (uri.includes("draft-04")) return 4;
  if (uri.includes("draft-06")) return 6;
  if (uri.includes("2019-09")) return 2019;
  if (uri.includes("2020-12")) return 2020;
  return 7;
}

const OBJECT_KEYS = [
  "unevaluatedProperties",
  "properties",
  "required",
  "additionalProperties",
  "patternProperties",
  "dependencies",
  "dependentRequired",
  "dependentSchemas",
  "minProperties",
  "maxProperties",
  "propertyNames",
];
const ARRAY_KEYS = ["items", "prefixItems", "additionalItems", "minItems", "maxItems", "uniqueItems", "contains", "unevaluatedItems"];
const NUMBER_KEYS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];
const STRING_KEYS = ["minLength", "maxLength", "pattern", "format"];

function load(loader: Loader, json: unknown, documentRoot: unknown): JsonNode {
  if (json === true) return { kind: "true", hasDefault: false };
  if (json === false) return { kind: "false", hasDefault: false };
  if (!json || typeof json !== "object" || Array.isArray(json)) throw new JsonSchemaError("a schema must be an object or a boolean");
  const cached = loader.cache.get(json);
  if (cached) return cached;
  const o = json as Record<string, unknown>;
  const common = commonOf(o);
  if (typeof o.$ref === "string") {
    const ref = o.$ref;
    let target: JsonNode | undefined;
    const node: JsonNode = { kind: "ref", ref, ...common, target: () => (target ??= resolveRef(loader, ref, documentRoot)) };
    loader.cache.set(json, node);
    return node;
  }
  const parts: JsonNode[] = [];
  if (Array.isArray(o.enum)) parts.push({ kind: "enum", values: o.enum, hasDefault: false });
  for (const criterion of ["allOf", "anyOf", "oneOf"] as const) {
    if (Array.isArray(o[criterion])) {
      const list = o[criterion] as unknown[];
      parts.push({
        kind: "combined",
        criterion,
        subschemas: list.map((s) => load(loader, s, documentRoot)),
        keys: list.map(stableKey),
        hasDefault: false,
      });
    }
  }
  if (o.not !== undefined) parts.push({ kind: "not", mustNotMatch: load(loader, o.not, documentRoot), hasDefault: false });
  if (Object.prototype.hasOwnProperty.call(o, "const")) parts.push({ kind: "const", value: o.const, hasDefault: false });
  if (typeof o.type === "string") parts.push(typed(loader, o, o.type, true, documentRoot));
  else if (Array.isArray(o.type)) {
    const types = o.type as string[];
    parts.push({
      kind: "combined",
      criterion: "anyOf",
      subschemas: types.map((t) => typed(loader, o, t, true, documentRoot)),
      keys: types,
      hasDefault: false,
    });
  } else {
    if (OBJECT_KEYS.some((k) => k in o)) parts.push(typed(loader, o, "object", false, documentRoot));
    if (ARRAY_KEYS.some((k) => k in o)) parts.push(typed(loader, o, "array", false, documentRoot));
    if (NUMBER_KEYS.some((k) => k in o)) parts.push(typed(loader, o, "number", false, documentRoot));
    if (STRING_KEYS.some((k) => k in o)) parts.push(typed(loader, o, "string", false, documentRoot));
  }
  let node: JsonNode;
  if (parts.length === 0) node = { kind: "empty", ...common };
  else if (parts.length === 1) node = { ...parts[0]!, ...common };
  else node = { kind: "combined", criterion: "allOf", subschemas: parts, keys: parts.map((p) => p.kind), ...common };
  loader.cache.set(json, node);
  return node;
}

function commonOf(o: Record<string, unknown>): Common {
  const id = o.$id ?? o.id;
  return {
    ...(typeof id === "string" ? { id } : {}),
    ...(typeof o.title === "string" ? { title: o.title } : {}),
    ...(typeof o.description === "string" ? { description: o.description } : {}),
    ...("default" in o ? { default: o.default } : {}),
    hasDefault: "default" in o,
    ...(typeof o["connect.type"] === "string" ? { connectType: o["connect.type"] } : {}),
  };
}

function num(v: unknown): number | undefined {
  return typeof v === "number" ? v : undefined;
}

function typed(loader: Loader, o: Record<string, unknown>, type: string, required: boolean, documentRoot: unknown): JsonNode {
  const child = (s: unknown) => load(loader, s, documentRoot);
  switch (type) {
    case "string":
      return {
        kind: "string",
        minLength: num(o.minLength),
        maxLength: num(o.maxLength),
        pattern: typeof o.pattern === "string" ? o.pattern : undefined,
        hasDefault: false,
      };
    case "number":
    case "integer": {
      const draft4 = loader.draft === 4;
      return {
        kind: "number",
        requiresInteger: type === "integer",
        minimum: num(o.minimum),
        maximum: num(o.maximum),
        exclusiveMinimum: draft4 ? undefined : num(o.exclusiveMinimum),
        exclusiveMaximum: draft4 ? undefined : num(o.exclusiveMaximum),
        multipleOf: num(o.multipleOf),
        hasDefault: false,
      };
    }
    case "object": {
      const properties = new Map<string, JsonNode>();
      for (const [key, schema] of Object.entries((o.properties as Record<string, unknown>) ?? {})) properties.set(key, child(schema));
      const propertyDependencies = new Map<string, Set<string>>();
      const schemaDependencies = new Map<string, JsonNode>();
      const deps = { ...((o.dependencies as Record<string, unknown>) ?? {}), ...((o.dependentRequired as Record<string, unknown>) ?? {}) };
      for (const [key, dep] of Object.entries(deps)) {
        if (Array.isArray(dep)) propertyDependencies.set(key, new Set(dep.map(String)));
        else schemaDependencies.set(key, child(dep));
      }
      for (const [key, dep] of Object.entries((o.dependentSchemas as Record<string, unknown>) ?? {}))
        schemaDependencies.set(key, child(dep));
      // unevaluatedProperties closes (or partially opens) the content model the same way.
      const additional = o.additionalProperties ?? o.unevaluatedProperties;
      return {
        kind: "object",
        properties,
        required: new Set(Array.isArray(o.required) ? o.required.map(String) : []),
        permitsAdditional: additional !== false,
        additional: additional !== undefined && typeof additional !== "boolean" ? child(additional) : undefined,
        patternProperties: Object.entries((o.patternProperties as Record<string, unknown>) ?? {}).map(([p, s]) => [patternOf(p), child(s)]),
        propertyDependencies,
        schemaDependencies,
        minProperties: num(o.minProperties),
        maxProperties: num(o.maxProperties),
        hasDefault: false,
      };
    }
    case "array": {
      // 2020-12 renamed the tuple form: prefixItems are the positional schemas and items the rest.
      const tuple = loader.draft === 2020 ? o.prefixItems : Array.isArray(o.items) ? o.items : undefined;
      const rest = loader.draft === 2020 ? o.items : o.additionalItems;
      const all = loader.draft === 2020 ? undefined : Array.isArray(o.items) ? undefined : o.items;
      return {
        kind: "array",
        allItems: all !== undefined ? child(all) : undefined,
        itemSchemas: Array.isArray(tuple) ? tuple.map(child) : undefined,
        permitsAdditionalItems: rest !== false,
        additionalItems: rest !== undefined && typeof rest !== "boolean" ? child(rest) : undefined,
        unevaluatedItems: o.unevaluatedItems !== undefined ? child(o.unevaluatedItems) : undefined,
        minItems: num(o.minItems),
        maxItems: num(o.maxItems),
        uniqueItems: o.uniqueItems === true,
        minContains: num(o.minContains),
        maxContains: num(o.maxContains),
        hasDefault: false,
      };
    }
    case "boolean":
      return { kind: "boolean", hasDefault: false };
    case "null":
      return { kind: "null", hasDefault: false };
    default:
      if (required) throw new JsonSchemaError(`unknown type "${type}"`);
      return { kind: "empty", hasDefault: false };
  }
}

// A submitted schema's patterns run on RE2 (linear time): a schema cannot freeze the web process.
function patternOf(pattern: string): SafePattern {
  try {
    return safeRegExp(pattern, "u");
  } catch {
    throw new JsonSchemaError(`invalid or unsupported pattern "${pattern}" (RE2 syntax: no backreferences or lookarounds)`);
  }
}

function resolveRef(loader: Loader, ref: string, documentRoot: unknown): JsonNode {
  const hash = ref.indexOf("#");
  const base = hash < 0 ? ref : ref.slice(0, hash);
  const pointer = hash < 0 ? "" : ref.slice(hash + 1);
  let doc = documentRoot;
  if (base) {
    const external = loader.external.get(base) ?? [...loader.external.entries()].find(([name]) => base.endsWith(name))?.[1];
    if (external === undefined) return { kind: "empty", hasDefault: false };
    doc = external;
  }
  let target: unknown = doc;
  if (pointer && !pointer.startsWith("/")) target = findAnchor(doc, pointer);
  else
    for (const raw of pointer.split("/").filter(Boolean)) {
      let key: string;
      try {
        key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
      } catch {
        throw new JsonSchemaError(`malformed $ref "${ref}"`);
      }
      target = target && typeof target === "object" ? (target as Record<string, unknown>)[key] : undefined;
    }
  if (target === undefined) throw new JsonSchemaError(`unresolvable $ref "${ref}"`);
  return load(loader, target, doc);
}

/**
 * A plain-name fragment ("#Address") names a subschema, not a JSON pointer: by its `$id` ("#Address",
 * or a URI ending in it; drafts 6 and 7) or by its `$anchor` ("Address"; 2019-09 and later).
 */
function findAnchor(doc: unknown, name: string): unknown {
  const stack: unknown[] = [doc];
  let seen = 0;
  while (stack.length && seen++ < 100_000) {
    const node = stack.pop();
    if (!node || typeof node !== "object") continue;
    if (!Array.isArray(node)) {
      const o = node as Record<string, unknown>;
      if (o.$anchor === name || (typeof o.$id === "string" && (o.$id === `#${name}` || o.$id.endsWith(`#${name}`)))) return node;
    }
    stack.push(...Object.values(node));
  }
  return undefined;
}

/** A key that is equal for structurally equal schemas (object key order ignored). */
export function stableKey(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableKey).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableKey((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

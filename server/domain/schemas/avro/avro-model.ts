// Avro schemas as a resolved graph: named types are shared objects, so recursive types and
// references to other subjects' types are plain pointers. avsc validates the schema (it is the
// well-kept parser); this model exists because compatibility needs things avsc does not keep,
// such as which fields declared a default and the aliases of every named type.
import type avro from "avsc";
import { validateAvroSchema } from "./avsc-validate";

export type AvroPrimitive = "null" | "boolean" | "int" | "long" | "float" | "double" | "bytes" | "string";
export const AVRO_PRIMITIVES: readonly AvroPrimitive[] = ["null", "boolean", "int", "long", "float", "double", "bytes", "string"];

export type AvroField = { name: string; aliases: string[]; type: AvroNode; hasDefault: boolean; default?: unknown; doc?: string };
export type AvroNamed = { name: string; fullName: string; aliases: string[]; doc?: string };
export type AvroNode =
  | { kind: AvroPrimitive; logicalType?: string }
  | ({ kind: "record"; fields: AvroField[] } & AvroNamed)
  | ({ kind: "enum"; symbols: string[]; enumDefault?: string } & AvroNamed)
  | ({ kind: "fixed"; size: number; logicalType?: string } & AvroNamed)
  | { kind: "array"; items: AvroNode }
  | { kind: "map"; values: AvroNode }
  | { kind: "union"; branches: AvroNode[] };

export type AvroNamedNode = Extract<AvroNode, { fullName: string }>;
export type AvroRegistry = Map<string, AvroNamedNode>;

export class AvroSchemaError extends Error {}

/** Parses Avro schema text (JSON) into a resolved graph; `known` holds named types from references. */
export function parseAvro(text: string, known: AvroRegistry = new Map()): { root: AvroNode; registry: AvroRegistry; json: unknown } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AvroSchemaError(`Invalid Avro schema: not JSON (${(error as Error).message})`);
  }
  validateWithAvsc(json, known);
  const registry: AvroRegistry = new Map(known);
  const root = build(json, "", registry);
  return { root, registry, json };
}

function validateWithAvsc(json: unknown, known: AvroRegistry): void {
  const registry: Record<string, avro.Type> = {};
  for (const named of known.values()) {
    // avsc needs the referenced types too; it only reads their shape, so a re-serialisation is enough.
    if (!registry[named.fullName]) validateAvroSchema(toJson(named), { registry });
  }
  try {
    validateAvroSchema(withoutEmptyUnions(json), { registry, wrapUnions: true });
  } catch (error) {
    throw new AvroSchemaError(`Invalid Avro schema: ${(error as Error).message}`);
  }
}

// The specification allows an empty union (it can hold no value); avsc refuses it, so for
// validation only it stands in as "null".
function withoutEmptyUnions(json: unknown): unknown {
  if (Array.isArray(json)) return json.length === 0 ? "null" : json.map(withoutEmptyUnions);
  if (!json || typeof json !== "object") return json;
  const o = { ...(json as Record<string, unknown>) };
  if (o.type !== undefined) o.type = withoutEmptyUnions(o.type);
  if (o.items !== undefined) o.items = withoutEmptyUnions(o.items);
  if (o.values !== undefined) o.values = withoutEmptyUnions(o.values);
  if (Array.isArray(o.fields)) o.fields = o.fields.map((f: Record<string, unknown>) => ({ ...f, type: withoutEmptyUnions(f.type) }));
  return o;
}

function fullNameOf(name: string, namespace: string | undefined, enclosing: string): string {
  if (name.includes(".")) return name;
  const ns = namespace ?? enclosing;
  return ns ? `${ns}.${name}` : name;
}

function namespaceOf(fullName: string): string {
  const dot = fullName.lastIndexOf(".");
  return dot < 0 ? "" : fullName.slice(0, dot);
}

function build(json: unknown, namespace: string, registry: AvroRegistry): AvroNode {
  if (typeof json === "string") {
    if ((AVRO_PRIMITIVES as readonly string[]).includes(json)) return { kind: json as AvroPrimitive };
    const named = registry.get(fullNameOf(json, undefined, namespace)) ?? registry.get(json);
    if (!named) throw new AvroSchemaError(`Invalid Avro schema: unknown type "${json}"`);
    return named;
  }
  if (Array.isArray(json)) return { kind: "union", branches: json.map((branch) => build(branch, namespace, registry)) };
  if (!json || typeof json !== "object") throw new AvroSchemaError("Invalid Avro schema: expected a string, array or object");
  const o = json as Record<string, unknown>;
  const type = o.type;
  const logicalType = typeof o.logicalType === "string" ? o.logicalType : undefined;
  if (typeof type === "string" && (AVRO_PRIMITIVES as readonly string[]).includes(type)) {
    return { kind: type as AvroPrimitive, ...(logicalType ? { logicalType } : {}) };
  }
  if (type === "array") return { kind: "array", items: build(o.items, namespace, registry) };
  if (type === "map") return { kind: "map", values: build(o.values, namespace, registry) };
  if (type === "record" || type === "error" || type === "enum" || type === "fixed") {
    const fullName = fullNameOf(String(o.name), typeof o.namespace === "string" ? o.namespace : undefined, namespace);
    const ns = namespaceOf(fullName);
    const aliases = Array.isArray(o.aliases) ? o.aliases.map((alias) => fullNameOf(String(alias), undefined, ns)) : [];
    const base = {
      name: fullName.slice(fullName.lastIndexOf(".") + 1),
      fullName,
      aliases,
      ...(typeof o.doc === "string" ? { doc: o.doc } : {}),
    };
    if (type === "enum") {
      const node: AvroNamedNode = {
        kind: "enum",
        ...base,
        symbols: (o.symbols as string[]) ?? [],
        ...(typeof o.default === "string" ? { enumDefault: o.default } : {}),
      };
      registry.set(fullName, node);
      return node;
    }
    if (type === "fixed") {
      const node: AvroNamedNode = { kind: "fixed", ...base, size: Number(o.size), ...(logicalType ? { logicalType } : {}) };
      registry.set(fullName, node);
      return node;
    }
    // Registered before its fields so that a field may refer to the record itself.
    const node: Extract<AvroNode, { kind: "record" }> = { kind: "record", ...base, fields: [] };
    registry.set(fullName, node);
    for (const field of (o.fields as Record<string, unknown>[]) ?? []) {
      node.fields.push({
        name: String(field.name),
        aliases: Array.isArray(field.aliases) ? field.aliases.map(String) : [],
        type: build(field.type, ns, registry),
        hasDefault: Object.prototype.hasOwnProperty.call(field, "default"),
        ...(Object.prototype.hasOwnProperty.call(field, "default") ? { default: field.default } : {}),
        ...(typeof field.doc === "string" ? { doc: field.doc } : {}),
      });
    }
    return node;
  }
  if (type !== undefined) return build(type, namespace, registry);
  throw new AvroSchemaError("Invalid Avro schema: missing type");
}

/** Re-serialises a node (named types in full the first time, by name afterwards). */
export function toJson(node: AvroNode, seen = new Set<string>()): unknown {
  switch (node.kind) {
    case "array":
      return { type: "array", items: toJson(node.items, seen) };
    case "map":
      return { type: "map", values: toJson(node.values, seen) };
    case "union":
      return node.branches.map((branch) => toJson(branch, seen));
    case "record":
    case "enum":
    case "fixed": {
      if (seen.has(node.fullName)) return node.fullName;
      seen.add(node.fullName);
      const head = { type: node.kind, name: node.fullName, ...(node.aliases.length ? { aliases: node.aliases } : {}) };
      if (node.kind === "enum") return { ...head, symbols: node.symbols, ...(node.enumDefault ? { default: node.enumDefault } : {}) };
      if (node.kind === "fixed") return { ...head, size: node.size };
      return {
        ...head,
        fields: node.fields.map((f) => ({ name: f.name, type: toJson(f.type, seen), ...(f.hasDefault ? { default: f.default } : {}) })),
      };
    }
    default:
      return node.logicalType ? { type: node.kind, logicalType: node.logicalType } : node.kind;
  }
}

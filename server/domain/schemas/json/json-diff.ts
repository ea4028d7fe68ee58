// Confluent's JSON Schema compatibility semantics: walk the original (previous) and the update
// (candidate) trees side by side, record every change with its kind and path, and call the update
// compatible when every recorded change belongs to the set of changes a reader tolerates. The
// kinds and that set are Confluent's (so reasons read the same as theirs); the walk is ours.
import type { JsonNode } from "./json-model";
import { stableKey } from "./json-model";

export type JsonChange = { kind: string; path: string };

export const COMPATIBLE_JSON_CHANGES = new Set([
  "ID_CHANGED",
  "DESCRIPTION_CHANGED",
  "TITLE_CHANGED",
  "DEFAULT_CHANGED",
  "SCHEMA_REMOVED",
  "TYPE_EXTENDED",
  "MAX_LENGTH_INCREASED",
  "MAX_LENGTH_REMOVED",
  "MIN_LENGTH_DECREASED",
  "MIN_LENGTH_REMOVED",
  "PATTERN_REMOVED",
  "MAXIMUM_INCREASED",
  "MAXIMUM_REMOVED",
  "MINIMUM_DECREASED",
  "MINIMUM_REMOVED",
  "EXCLUSIVE_MAXIMUM_INCREASED",
  "EXCLUSIVE_MAXIMUM_REMOVED",
  "EXCLUSIVE_MINIMUM_DECREASED",
  "EXCLUSIVE_MINIMUM_REMOVED",
  "MULTIPLE_OF_REDUCED",
  "MULTIPLE_OF_REMOVED",
  "REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED",
  "REQUIRED_ATTRIBUTE_REMOVED",
  "DEPENDENCY_ARRAY_NARROWED",
  "DEPENDENCY_ARRAY_REMOVED",
  "DEPENDENCY_SCHEMA_REMOVED",
  "MAX_PROPERTIES_INCREASED",
  "MAX_PROPERTIES_REMOVED",
  "MIN_PROPERTIES_DECREASED",
  "MIN_PROPERTIES_REMOVED",
  "ADDITIONAL_PROPERTIES_ADDED",
  "ADDITIONAL_PROPERTIES_EXTENDED",
  "PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL",
  "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL",
  "OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL",
  "PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL",
  "PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL",
  "PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
  "PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
  "MAX_ITEMS_INCREASED",
  "MAX_ITEMS_REMOVED",
  "MIN_ITEMS_DECREASED",
  "MIN_ITEMS_REMOVED",
  "UNIQUE_ITEMS_REMOVED",
  "ADDITIONAL_ITEMS_ADDED",
  "ADDITIONAL_ITEMS_EXTENDED",
  "ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL",
  "ITEM_ADDED_TO_CLOSED_CONTENT_MODEL",
  "ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL",
  "ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL",
  "ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
  "ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
  "ENUM_ARRAY_EXTENDED",
  "COMBINED_TYPE_EXTENDED",
  "PRODUCT_TYPE_NARROWED",
  "SUM_TYPE_EXTENDED",
  "NOT_TYPE_NARROWED",
  "MAX_CONTAINS_INCREASED",
  "MAX_CONTAINS_REMOVED",
  "MIN_CONTAINS_DECREASED",
  "MIN_CONTAINS_REMOVED",
]);

export function isCompatibleJsonChange(change: JsonChange): boolean {
  return COMPATIBLE_JSON_CHANGES.has(change.kind);
}

/** Every change from `original` to `update`. */
export function diffJsonSchemas(original: JsonNode, update: JsonNode): JsonChange[] {
  const walker = new Walker();
  walker.compare(original, update);
  return walker.changes;
}

class Walker {
  readonly changes: JsonChange[] = [];
  private readonly path: string[] = [];
  // Shared by sub-walkers: a pair met again while it is still being compared is a recursive
  // cycle, which adds nothing new; a pair compared before is answered from the memo (recursive
  // unions otherwise compare the same pairs exponentially often). Memoized changes are relative
  // to the pair and rebased onto the current path.
  private readonly active: Set<string>;
  private readonly memo: Map<string, JsonChange[]>;

  constructor(path: string[] = [], active = new Set<string>(), memo = new Map<string, JsonChange[]>()) {
    this.path = [...path];
    this.active = active;
    this.memo = memo;
  }

  sub(): Walker {
    return new Walker(this.path, this.active, this.memo);
  }

  get compatible(): boolean {
    return this.changes.every(isCompatibleJsonChange);
  }

  add(kind: string, attribute?: string): void {
    const parts = attribute ? [...this.path, attribute] : this.path;
    this.changes.push({ kind, path: "#/" + parts.join("/") });
  }

  within<T>(segment: string, run: () => T): T {
    this.path.push(segment);
    try {
      return run();
    } finally {
      this.path.pop();
    }
  }

  compare(original: JsonNode | undefined, update: JsonNode | undefined): void {
    if (!original && !update) return;
    if (!original) return this.add("SCHEMA_ADDED");
    if (!update) return this.add("SCHEMA_REMOVED");
    // Keyed by the nodes before references are followed: every `$ref` site is its own node, so
    // a cycle is cut where the same two sites meet again, not wherever two definitions meet.
    const key = `${idOf(original)}:${idOf(update)}`;
    let relative = this.memo.get(key);
    if (!relative) {
      if (this.active.has(key)) return;
      this.active.add(key);
      const fresh = new Walker([], this.active, this.memo);
      try {
        fresh.comparePair(original.kind === "ref" ? original.target() : original, update.kind === "ref" ? update.target() : update);
      } finally {
        this.active.delete(key);
      }
      relative = fresh.changes;
      this.memo.set(key, relative);
    }
    const prefix = "#/" + this.path.join("/");
    for (const change of relative) {
      const rest = change.path.slice(2);
      this.changes.push({ kind: change.kind, path: !this.path.length ? change.path : rest ? `${prefix}/${rest}` : prefix });
    }
  }

  private comparePair(original: JsonNode, update: JsonNode): void {
    if (original.kind !== "combined" && update.kind === "combined") {
      if (update.subschemas.length === 1) {
        if (this.tryMerge(original, update.subschemas[0]!)) return;
      } else if (update.criterion !== "allOf") {
        for (const branch of update.subschemas) {
          if (this.tryMerge(original, branch)) return this.add("SUM_TYPE_EXTENDED");
        }
      }
    } else if (original.kind === "combined" && update.kind !== "combined") {
      if (original.subschemas.length === 1 && this.tryMerge(original.subschemas[0]!, update)) return;
      // Several branches before, one schema now: compare it as a one-branch combination.
      if (original.subschemas.length > 1 && update.kind !== "empty" && update.kind !== "true") {
        const wrapped: JsonNode = {
          kind: "combined",
          criterion: original.criterion,
          subschemas: [update],
          keys: ["0"],
          ...pick(update),
          hasDefault: update.hasDefault,
        };
        update = wrapped;
      }
    }

    if (original.kind !== update.kind) {
      // A `false` schema accepted nothing, and an empty/true schema accepts everything.
      if (original.kind === "false" || update.kind === "empty" || update.kind === "true") return;
      // Kafka Connect writes its bytes-based logical types (e.g. Decimal) as either JSON type.
      if (original.connectType === "bytes" && update.connectType === "bytes") return;
      return this.add("TYPE_CHANGED");
    }

    if (original.id !== update.id) this.add("ID_CHANGED");
    if (original.title !== update.title) this.add("TITLE_CHANGED");
    if (original.description !== update.description) this.add("DESCRIPTION_CHANGED");
    if (stableKey(original.default) !== stableKey(update.default)) this.add("DEFAULT_CHANGED");
    this.compareSameKind(original, update);
  }

  /** Compares in a sub-walker and keeps its changes only when they are all compatible. */
  private tryMerge(original: JsonNode, update: JsonNode): boolean {
    const sub = this.sub();
    sub.compare(original, update);
    if (!sub.compatible) return false;
    this.changes.push(...sub.changes);
    return true;
  }

  private compareSameKind(o: JsonNode, u: JsonNode): void {
    switch (o.kind) {
      case "string":
        return compareString(this, o, u as typeof o);
      case "number":
        return compareNumber(this, o, u as typeof o);
      case "enum":
        return compareEnum(this, o, u as typeof o);
      case "combined":
        return compareCombined(this, o, u as typeof o);
      case "not":
        return this.within("not", () => {
          const sub = this.sub();
          // Reversed on purpose: the update accepts more when it forbids less.
          sub.compare((u as typeof o).mustNotMatch, o.mustNotMatch);
          this.add(sub.compatible ? "NOT_TYPE_NARROWED" : "NOT_TYPE_EXTENDED");
        });
      case "const":
        if (stableKey(o.value) !== stableKey((u as typeof o).value)) this.add("CONST_CHANGED", "const");
        return;
      case "object":
        return compareObject(this, o, u as typeof o);
      case "array":
        return compareArray(this, o, u as typeof o);
      default:
        return;
    }
  }
}

function pick(node: JsonNode): { id?: string; title?: string; description?: string; default?: unknown } {
  const { id, title, description } = node;
  return {
    ...(id !== undefined ? { id } : {}),
    ...(title !== undefined ? { title } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(node.hasDefault ? { default: node.default } : {}),
  };
}

const nodeIds = new WeakMap<object, number>();
let nextNodeId = 0;
function idOf(node: object): number {
  let id = nodeIds.get(node);
  if (id === undefined) nodeIds.set(node, (id = ++nextNodeId));
  return id;
}

type Bound = { added: string; removed: string; increased: string; decreased: string };
const bound = (name: string): Bound => ({
  added: `${name}_ADDED`,
  removed: `${name}_REMOVED`,
  increased: `${name}_INCREASED`,
  decreased: `${name}_DECREASED`,
});

function compareBound(w: Walker, attribute: string, kinds: Bound, o: number | undefined, u: number | undefined): void {
  if (o === u) return;
  if (o === undefined) w.add(kinds.added, attribute);
  else if (u === undefined) w.add(kinds.removed, attribute);
  else if (o < u) w.add(kinds.increased, attribute);
  else w.add(kinds.decreased, attribute);
}

function compareString(w: Walker, o: Extract<JsonNode, { kind: "string" }>, u: typeof o): void {
  compareBound(w, "maxLength", bound("MAX_LENGTH"), o.maxLength, u.maxLength);
  compareBound(w, "minLength", bound("MIN_LENGTH"), o.minLength, u.minLength);
  if (o.pattern === undefined && u.pattern !== undefined) w.add("PATTERN_ADDED", "pattern");
  else if (o.pattern !== undefined && u.pattern === undefined) w.add("PATTERN_REMOVED", "pattern");
  else if (o.pattern !== u.pattern) w.add("PATTERN_CHANGED", "pattern");
}

function compareNumber(w: Walker, o: Extract<JsonNode, { kind: "number" }>, u: typeof o): void {
  compareBound(w, "maximum", bound("MAXIMUM"), o.maximum, u.maximum);
  compareBound(w, "minimum", bound("MINIMUM"), o.minimum, u.minimum);
  compareBound(w, "exclusiveMaximum", bound("EXCLUSIVE_MAXIMUM"), o.exclusiveMaximum, u.exclusiveMaximum);
  compareBound(w, "exclusiveMinimum", bound("EXCLUSIVE_MINIMUM"), o.exclusiveMinimum, u.exclusiveMinimum);
  if (o.multipleOf !== u.multipleOf) {
    if (o.multipleOf === undefined) w.add("MULTIPLE_OF_ADDED", "multipleOf");
    else if (u.multipleOf === undefined) w.add("MULTIPLE_OF_REMOVED", "multipleOf");
    else if (isMultipleOf(u.multipleOf, o.multipleOf)) w.add("MULTIPLE_OF_EXPANDED", "multipleOf");
    else if (isMultipleOf(o.multipleOf, u.multipleOf)) w.add("MULTIPLE_OF_REDUCED", "multipleOf");
    else w.add("MULTIPLE_OF_CHANGED", "multipleOf");
  }
  if (o.requiresInteger !== u.requiresInteger) w.add(o.requiresInteger ? "TYPE_EXTENDED" : "TYPE_NARROWED");
}

/** Is `a` an integer multiple of `b`? Decimal fractions such as 0.1 are not exact in binary. */
function isMultipleOf(a: number, b: number): boolean {
  const ratio = a / b;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

function compareEnum(w: Walker, o: Extract<JsonNode, { kind: "enum" }>, u: typeof o): void {
  const ok = new Set(o.values.map(stableKey));
  const uk = new Set(u.values.map(stableKey));
  if (ok.size === uk.size && [...ok].every((v) => uk.has(v))) return;
  if ([...ok].every((v) => uk.has(v))) w.add("ENUM_ARRAY_EXTENDED", "enum");
  else if ([...uk].every((v) => ok.has(v))) w.add("ENUM_ARRAY_NARROWED", "enum");
  else w.add("ENUM_ARRAY_CHANGED", "enum");
}

function compareCombined(w: Walker, o: Extract<JsonNode, { kind: "combined" }>, u: typeof o): void {
  const criterionChange = compareCriteria(o, u);
  if (criterionChange) w.add(criterionChange);
  if (criterionChange === "COMBINED_TYPE_CHANGED") return;
  const originals = dedupe(o);
  const updates = dedupe(u);
  // More branches are judged by the update's criterion, fewer by the original's: fewer allOf
  // branches accept more, more anyOf/oneOf branches accept more.
  if (originals.length < updates.length) w.add(u.criterion === "allOf" ? "PRODUCT_TYPE_EXTENDED" : "SUM_TYPE_EXTENDED");
  else if (originals.length > updates.length) w.add(o.criterion === "allOf" ? "PRODUCT_TYPE_NARROWED" : "SUM_TYPE_NARROWED");
  // Which update branch can stand in for which original branch, then a maximum matching.
  const edges: JsonChange[][][] = originals.map((original, i) =>
    w.within(`${o.criterion}/${i}`, () =>
      updates.map((update) => {
        const sub = w.sub();
        sub.compare(original, update);
        return sub.compatible ? sub.changes : (null as unknown as JsonChange[]);
      }),
    ),
  );
  const match = maximumMatching(edges.map((row) => row.map((cell) => cell !== null)));
  for (const [i, j] of match) w.changes.push(...edges[i]![j]!);
  if (match.length < Math.min(originals.length, updates.length)) w.add("COMBINED_TYPE_SUBSCHEMAS_CHANGED");
}

function compareCriteria(o: Extract<JsonNode, { kind: "combined" }>, u: typeof o): string | null {
  if (o.criterion === u.criterion) return null;
  if (u.criterion === "anyOf") return "COMBINED_TYPE_EXTENDED";
  if (u.criterion === "oneOf")
    return o.criterion === "allOf" || o.subschemas.length === 1 ? "COMBINED_TYPE_EXTENDED" : "COMBINED_TYPE_CHANGED";
  return o.subschemas.length === 1 && u.subschemas.length === 1 ? "COMBINED_TYPE_EXTENDED" : "COMBINED_TYPE_CHANGED";
}

function dedupe(node: Extract<JsonNode, { kind: "combined" }>): JsonNode[] {
  const seen = new Set<string>();
  return node.subschemas.filter((_, i) => {
    const key = node.keys[i] ?? String(i);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Kuhn's augmenting paths; returns the matched (left, right) pairs. */
function maximumMatching(adjacent: boolean[][]): [number, number][] {
  const matchOfRight = new Map<number, number>();
  const tryLeft = (left: number, visited: Set<number>): boolean => {
    for (let right = 0; right < (adjacent[left]?.length ?? 0); right++) {
      if (!adjacent[left]![right] || visited.has(right)) continue;
      visited.add(right);
      const current = matchOfRight.get(right);
      if (current === undefined || tryLeft(current, visited)) {
        matchOfRight.set(right, left);
        return true;
      }
    }
    return false;
  };
  adjacent.forEach((_, left) => tryLeft(left, new Set()));
  return [...matchOfRight.entries()].map(([right, left]) => [left, right]);
}

function isOpenObject(node: Extract<JsonNode, { kind: "object" }>): boolean {
  return node.patternProperties.length === 0 && node.additional === undefined && node.permitsAdditional;
}

function partialObjectSchema(node: Extract<JsonNode, { kind: "object" }>, key: string): JsonNode | undefined {
  for (const [pattern, schema] of node.patternProperties) if (pattern.test(key)) return schema;
  return node.additional;
}

function compareObject(w: Walker, o: Extract<JsonNode, { kind: "object" }>, u: typeof o): void {
  w.within("required", () => {
    for (const key of o.properties.keys()) {
      if (!u.properties.has(key)) continue;
      const was = o.required.has(key);
      const is = u.required.has(key);
      if (was && !is) w.add("REQUIRED_ATTRIBUTE_REMOVED", key);
      else if (!was && is)
        w.add(u.properties.get(key)!.hasDefault ? "REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED" : "REQUIRED_ATTRIBUTE_ADDED", key);
    }
  });
  w.within("properties", () => {
    for (const key of new Set([...o.properties.keys(), ...u.properties.keys()])) {
      w.within(key, () => {
        const before = o.properties.get(key);
        const after = u.properties.get(key);
        if (!after) {
          if (isOpenObject(u)) return w.add("PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL");
          const partial = partialObjectSchema(u, key);
          if (partial) return coveredBy(w, before!, partial, "PROPERTY_REMOVED");
          return w.add(
            before!.kind === "false"
              ? "PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL"
              : "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL",
          );
        }
        if (!before) {
          if (isOpenObject(o)) {
            return w.add(
              after.kind === "empty" || after.kind === "true"
                ? "PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL"
                : "PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL",
            );
          }
          const partial = partialObjectSchema(o, key);
          if (partial) coveredBy(w, partial, after, "PROPERTY_ADDED");
          if (u.required.has(key)) {
            return w.add(
              after.hasDefault
                ? "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL"
                : "REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL",
            );
          }
          return w.add("OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL");
        }
        w.compare(before, after);
      });
    }
  });
  w.within("dependencies", () => {
    for (const key of new Set([...o.propertyDependencies.keys(), ...u.propertyDependencies.keys()])) {
      w.within(key, () => {
        const before = o.propertyDependencies.get(key);
        const after = u.propertyDependencies.get(key);
        if (!after) return w.add("DEPENDENCY_ARRAY_REMOVED");
        if (!before) return w.add("DEPENDENCY_ARRAY_ADDED");
        const grows = [...before].every((d) => after.has(d));
        const shrinks = [...after].every((d) => before.has(d));
        if (grows && shrinks) return;
        w.add(grows ? "DEPENDENCY_ARRAY_EXTENDED" : shrinks ? "DEPENDENCY_ARRAY_NARROWED" : "DEPENDENCY_ARRAY_CHANGED");
      });
    }
    for (const key of new Set([...o.schemaDependencies.keys(), ...u.schemaDependencies.keys()])) {
      w.within(key, () => {
        const before = o.schemaDependencies.get(key);
        const after = u.schemaDependencies.get(key);
        if (!after) return w.add("DEPENDENCY_SCHEMA_REMOVED");
        if (!before) return w.add("DEPENDENCY_SCHEMA_ADDED");
        w.compare(before, after);
      });
    }
  });
  w.within("additionalProperties", () => {
    if (o.permitsAdditional !== u.permitsAdditional)
      w.add(u.permitsAdditional ? "ADDITIONAL_PROPERTIES_ADDED" : "ADDITIONAL_PROPERTIES_REMOVED");
    else if (!o.additional && u.additional) w.add("ADDITIONAL_PROPERTIES_NARROWED");
    else if (o.additional && !u.additional) w.add("ADDITIONAL_PROPERTIES_EXTENDED");
    else w.compare(o.additional, u.additional);
  });
  compareBound(w, "maxProperties", bound("MAX_PROPERTIES"), o.maxProperties, u.maxProperties);
  compareBound(w, "minProperties", bound("MIN_PROPERTIES"), o.minProperties, u.minProperties);
}

/** An added or removed property/item checked against the schema that covers it on the other side. */
function coveredBy(
  w: Walker,
  original: JsonNode,
  update: JsonNode,
  prefix: "PROPERTY_ADDED" | "PROPERTY_REMOVED" | "ITEM_ADDED" | "ITEM_REMOVED",
): void {
  const sub = w.sub();
  sub.compare(original, update);
  w.changes.push(...sub.changes);
  w.add(`${prefix}_${sub.compatible ? "IS" : "NOT"}_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL`);
}

function isOpenArray(node: Extract<JsonNode, { kind: "array" }>): boolean {
  if (!node.permitsAdditionalItems || node.additionalItems) return false;
  return !node.unevaluatedItems || node.unevaluatedItems.kind === "empty" || node.unevaluatedItems.kind === "true";
}

function partialArraySchema(node: Extract<JsonNode, { kind: "array" }>): JsonNode | undefined {
  if (node.additionalItems) return node.additionalItems;
  if (node.permitsAdditionalItems && node.unevaluatedItems && node.unevaluatedItems.kind !== "false") return node.unevaluatedItems;
  return undefined;
}

function compareArray(w: Walker, o: Extract<JsonNode, { kind: "array" }>, u: typeof o): void {
  w.within("items", () => w.compare(o.allItems, u.allItems));
  const before = o.itemSchemas ?? [];
  const after = u.itemSchemas ?? [];
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    w.within(`items/${i}`, () => {
      if (i < before.length && i < after.length) return w.compare(before[i], after[i]);
      if (i < before.length) {
        if (isOpenArray(u)) return w.add("ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL");
        const partial = partialArraySchema(u);
        if (partial) return coveredBy(w, before[i]!, partial, "ITEM_REMOVED");
        return w.add(
          before[i]!.kind === "false" ? "ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL" : "ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL",
        );
      }
      if (isOpenArray(o)) {
        return w.add(
          after[i]!.kind === "empty" || after[i]!.kind === "true"
            ? "ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL"
            : "ITEM_ADDED_TO_OPEN_CONTENT_MODEL",
        );
      }
      const partial = partialArraySchema(o);
      if (partial) return coveredBy(w, partial, after[i]!, "ITEM_ADDED");
      w.add("ITEM_ADDED_TO_CLOSED_CONTENT_MODEL");
    });
  }
  w.within("additionalItems", () => {
    if (o.permitsAdditionalItems !== u.permitsAdditionalItems)
      w.add(o.permitsAdditionalItems ? "ADDITIONAL_ITEMS_REMOVED" : "ADDITIONAL_ITEMS_ADDED");
    else if (!o.additionalItems && u.additionalItems) w.add("ADDITIONAL_ITEMS_NARROWED");
    else if (o.additionalItems && !u.additionalItems) w.add("ADDITIONAL_ITEMS_EXTENDED");
    else w.compare(o.additionalItems, u.additionalItems);
  });
  compareBound(w, "maxItems", bound("MAX_ITEMS"), o.maxItems, u.maxItems);
  compareBound(w, "minItems", bound("MIN_ITEMS"), o.minItems, u.minItems);
  if (o.uniqueItems !== u.uniqueItems) w.add(o.uniqueItems ? "UNIQUE_ITEMS_REMOVED" : "UNIQUE_ITEMS_ADDED", "uniqueItems");
  compareBound(w, "maxContains", bound("MAX_CONTAINS"), o.maxContains, u.maxContains);
  compareBound(w, "minContains", bound("MIN_CONTAINS"), o.minContains, u.minContains);
}

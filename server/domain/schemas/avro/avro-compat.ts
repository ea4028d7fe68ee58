// Avro reader/writer schema resolution, following the rules of Apache Avro's specification
// ("Schema Resolution") as its Java SchemaCompatibility applies them: can data written with
// `writer` be read with `reader`? Every incompatibility is reported with its location.
import type { Incompatibility } from "../compat-types";
import type { AvroNode } from "./avro-model";

type Kind =
  | "NAME_MISMATCH"
  | "FIXED_SIZE_MISMATCH"
  | "MISSING_ENUM_SYMBOLS"
  | "READER_FIELD_MISSING_DEFAULT_VALUE"
  | "TYPE_MISMATCH"
  | "MISSING_UNION_BRANCH";

// Which writer types each reader type promotes from (the spec's promotion table).
const PROMOTIONS: Record<string, string[]> = {
  long: ["int"],
  float: ["int", "long"],
  double: ["int", "long", "float"],
  bytes: ["string"],
  string: ["bytes"],
};

export function checkReaderWriter(reader: AvroNode, writer: AvroNode): Incompatibility[] {
  return new Checker().check(reader, writer, []);
}

class Checker {
  // Pairs being compared further up the stack: a recursive type meets itself again here, and
  // the answer for the cycle is the answer of the enclosing comparison.
  private readonly inProgress = new Map<AvroNode, Set<AvroNode>>();
  private readonly memo = new Map<AvroNode, Map<AvroNode, Incompatibility[]>>();

  check(reader: AvroNode, writer: AvroNode, location: string[]): Incompatibility[] {
    // Record-free pairs (primitives, enums, fixed, and arrays/maps/unions of them) cannot recurse, so
    // their verdict depends only on their structure and is shared across checks and versions.
    const rKey = structuralKey(reader);
    const wKey = rKey === null ? null : structuralKey(writer);
    if (rKey !== null && wKey !== null) {
      const key = `${rKey}\u0000${wKey}`;
      let shared = sharedVerdicts.get(key);
      if (!shared) {
        shared = this.compare(reader, writer, []);
        if (sharedVerdicts.size >= MAX_SHARED) sharedVerdicts.clear();
        sharedVerdicts.set(key, shared);
      }
      return relocate(shared, location);
    }
    const cached = this.memo.get(reader)?.get(writer);
    if (cached) return relocate(cached, location);
    const active = this.inProgress.get(reader) ?? new Set<AvroNode>();
    if (active.has(writer)) return [];
    active.add(writer);
    this.inProgress.set(reader, active);
    const result = this.compare(reader, writer, []);
    active.delete(writer);
    if (!this.memo.has(reader)) this.memo.set(reader, new Map());
    this.memo.get(reader)!.set(writer, result);
    return relocate(result, location);
  }

  private compare(reader: AvroNode, writer: AvroNode, at: string[]): Incompatibility[] {
    if (reader.kind === writer.kind) return this.sameKind(reader, writer, at);
    if (writer.kind === "union") {
      // Every branch the writer may have used must be readable.
      return writer.branches.flatMap((branch, i) => this.check(reader, branch, [...at, String(i)]));
    }
    if (reader.kind === "union") {
      if (reader.branches.some((branch) => this.check(branch, writer, []).length === 0)) return [];
      return [issue("MISSING_UNION_BRANCH", at, `reader union lacks a branch for writer type ${describe(writer)}`)];
    }
    if (PROMOTIONS[reader.kind]?.includes(writer.kind)) return [];
    return [issue("TYPE_MISMATCH", at, `reader type ${describe(reader)} not compatible with writer type ${describe(writer)}`)];
  }

  private sameKind(reader: AvroNode, writer: AvroNode, at: string[]): Incompatibility[] {
    switch (reader.kind) {
      case "array":
        return this.check(reader.items, (writer as typeof reader).items, [...at, "items"]);
      case "map":
        return this.check(reader.values, (writer as typeof reader).values, [...at, "values"]);
      case "fixed": {
        const w = writer as typeof reader;
        const name = nameMismatch(reader, w, at);
        if (name) return [name];
        if (reader.size !== w.size) {
          return [issue("FIXED_SIZE_MISMATCH", [...at, "size"], `expected: ${w.size}, found: ${reader.size}`)];
        }
        return [];
      }
      case "enum": {
        const w = writer as typeof reader;
        const name = nameMismatch(reader, w, at);
        if (name) return [name];
        const missing = w.symbols.filter((symbol) => !reader.symbols.includes(symbol));
        if (missing.length && !(reader.enumDefault && reader.symbols.includes(reader.enumDefault))) {
          return [
            issue("MISSING_ENUM_SYMBOLS", [...at, "symbols"], `reader enum ${reader.fullName} lacks symbols [${missing.join(", ")}]`),
          ];
        }
        return [];
      }
      case "record": {
        const w = writer as typeof reader;
        const name = nameMismatch(reader, w, at);
        if (name) return [name];
        return reader.fields.flatMap((field, i) => {
          const written = fieldIndex(w).get(field.name) ?? field.aliases.map((a) => fieldIndex(w).get(a)).find(Boolean);
          const fieldAt = [...at, "fields", String(i)];
          if (written) return this.check(field.type, written.type, [...fieldAt, "type"]);
          // An enum's default symbol does not stand in for a missing field (only the field's default does).
          if (field.hasDefault) return [];
          return [
            issue("READER_FIELD_MISSING_DEFAULT_VALUE", fieldAt, `field "${field.name}" is missing in the writer and has no default`),
          ];
        });
      }
      case "union":
        return (writer as typeof reader).branches.flatMap((branch, i) => this.check(reader, branch, [...at, String(i)]));
      default:
        return [];
    }
  }
}

const MAX_SHARED = 50_000;
const sharedVerdicts = new Map<string, Incompatibility[]>();
const keys = new WeakMap<AvroNode, string | null>();

/** Everything the comparison reads of a record-free node, as text; null when the node holds a record. */
function structuralKey(node: AvroNode): string | null {
  const known = keys.get(node);
  if (known !== undefined) return known;
  let key: string | null;
  switch (node.kind) {
    case "record":
      key = null;
      break;
    case "enum":
      key = JSON.stringify(["enum", node.name, node.fullName, node.aliases, node.symbols, node.enumDefault ?? null]);
      break;
    case "fixed":
      key = JSON.stringify(["fixed", node.name, node.fullName, node.aliases, node.size]);
      break;
    case "array":
    case "map": {
      const inner = structuralKey(node.kind === "array" ? node.items : node.values);
      key = inner === null ? null : `${node.kind}<${inner}>`;
      break;
    }
    case "union": {
      const branches = node.branches.map(structuralKey);
      key = branches.includes(null) ? null : `union<${branches.join(",")}>`;
      break;
    }
    default:
      key = node.kind;
  }
  keys.set(node, key);
  return key;
}

type RecordNode = Extract<AvroNode, { kind: "record" }>;
type RecordField = RecordNode["fields"][number];
// Writer fields by name, built once per parsed record: a 100-field record checked against 100
// versions would otherwise scan field lists quadratically.
const fieldIndexes = new WeakMap<RecordNode, Map<string, RecordField>>();
function fieldIndex(record: RecordNode): Map<string, RecordField> {
  let index = fieldIndexes.get(record);
  if (!index) {
    index = new Map();
    // The first field of a name wins, as a linear scan would find it.
    for (const f of record.fields) if (!index.has(f.name)) index.set(f.name, f);
    fieldIndexes.set(record, index);
  }
  return index;
}

function nameMismatch(
  reader: Extract<AvroNode, { fullName: string }>,
  writer: Extract<AvroNode, { fullName: string }>,
  at: string[],
): Incompatibility | null {
  // Java Avro compares the unqualified names, then the reader's aliases against the writer's full name.
  if (reader.name === writer.name || reader.aliases.includes(writer.fullName)) return null;
  return issue("NAME_MISMATCH", [...at, "name"], `expected: ${writer.fullName}, found: ${reader.fullName}`);
}

function issue(kind: Kind, at: string[], message: string): Incompatibility {
  return { kind, path: "/" + at.join("/"), message };
}

function relocate(issues: Incompatibility[], location: string[]): Incompatibility[] {
  if (!location.length) return issues;
  const prefix = "/" + location.join("/");
  return issues.map((i) => ({ ...i, path: i.path === "/" ? prefix : prefix + i.path }));
}

function describe(node: AvroNode): string {
  return "fullName" in node ? `${node.kind} ${node.fullName}` : node.kind;
}

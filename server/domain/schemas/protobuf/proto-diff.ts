// Confluent's Protobuf compatibility semantics: messages and enums are matched by name, fields by
// tag number; the wire format tolerates added/removed optional fields, renames and moves, and
// breaks on package changes, required fields, changed scalar groups and changed message types.
// Change kinds and the compatible set are Confluent's; the walk over protobufjs types is ours.
import protobuf from "protobufjs";
import type { ProtoFile } from "./proto-model";

export type ProtoChange = { kind: string; path: string };

export const COMPATIBLE_PROTO_CHANGES = new Set([
  "MESSAGE_ADDED",
  "MESSAGE_MOVED",
  "ENUM_ADDED",
  "ENUM_REMOVED",
  "ENUM_CONST_ADDED",
  "ENUM_CONST_CHANGED",
  "ENUM_CONST_REMOVED",
  "FIELD_ADDED",
  "FIELD_REMOVED",
  "FIELD_NAME_CHANGED",
  "FIELD_STRING_OR_BYTES_LABEL_CHANGED",
  "ONEOF_ADDED",
  "ONEOF_REMOVED",
  "ONEOF_FIELD_ADDED",
  "ONEOF_FIELD_MOVED_TO_TOP_LEVEL",
]);

// Scalars that share a wire encoding can replace one another.
const SCALAR_GROUPS: Record<string, string> = {
  int32: "number",
  int64: "number",
  uint32: "number",
  uint64: "number",
  bool: "number",
  sint32: "signed",
  sint64: "signed",
  string: "text",
  bytes: "text",
  fixed32: "fixed32",
  sfixed32: "fixed32",
  fixed64: "fixed64",
  sfixed64: "fixed64",
  float: "float",
  double: "double",
};

export function diffProtobufSchemas(original: ProtoFile, update: ProtoFile): ProtoChange[] {
  const walker = new Walker(original, update);
  if (original.packageName !== update.packageName) walker.add("PACKAGE_CHANGED");
  walker.compareTypes(original.types, update.types);
  return walker.changes;
}

export function isCompatibleProtoChange(change: ProtoChange): boolean {
  return COMPATIBLE_PROTO_CHANGES.has(change.kind);
}

type FieldKind = "SCALAR" | "MESSAGE" | "MAP";

class Walker {
  changes: ProtoChange[] = [];
  constructor(
    private readonly original: ProtoFile,
    private readonly update: ProtoFile,
    private path: string[] = [],
    // Messages being compared further up: recursive message types stop here.
    private readonly active = new Set<protobuf.Type>(),
  ) {}

  add(kind: string): void {
    this.changes.push({ kind, path: "#/" + this.path.join("/") });
  }

  private within(segment: string, run: () => void): void {
    this.path.push(segment);
    try {
      run();
    } finally {
      this.path.pop();
    }
  }

  compareTypes(original: protobuf.ReflectionObject[], update: protobuf.ReflectionObject[]): void {
    const messages = (list: protobuf.ReflectionObject[]) => list.filter((t): t is protobuf.Type => t instanceof protobuf.Type);
    const enums = (list: protobuf.ReflectionObject[]) => list.filter((t): t is protobuf.Enum => t instanceof protobuf.Enum);
    const before = messages(original);
    const after = messages(update);
    for (const name of new Set([...before.map((m) => m.name), ...after.map((m) => m.name)])) {
      this.within(name, () => {
        const o = before.find((m) => m.name === name);
        const u = after.find((m) => m.name === name);
        if (!u) return this.add("MESSAGE_REMOVED");
        if (!o) return this.add("MESSAGE_ADDED");
        this.compareMessages(o, u);
        if (before.indexOf(o) !== after.indexOf(u)) this.add("MESSAGE_MOVED");
      });
    }
    const enumsBefore = enums(original);
    const enumsAfter = enums(update);
    for (const name of new Set([...enumsBefore.map((e) => e.name), ...enumsAfter.map((e) => e.name)])) {
      this.within(name, () => {
        const o = enumsBefore.find((e) => e.name === name);
        const u = enumsAfter.find((e) => e.name === name);
        if (!u) return this.add("ENUM_REMOVED");
        if (!o) return this.add("ENUM_ADDED");
        this.compareEnums(o, u);
      });
    }
  }

  private compareEnums(o: protobuf.Enum, u: protobuf.Enum): void {
    const byNumber = (e: protobuf.Enum) => new Map(Object.entries(e.values).map(([name, n]) => [n, name]));
    const before = byNumber(o);
    const after = byNumber(u);
    for (const n of new Set([...before.keys(), ...after.keys()])) {
      this.within(String(n), () => {
        if (!after.has(n)) this.add("ENUM_CONST_REMOVED");
        else if (!before.has(n)) this.add("ENUM_CONST_ADDED");
        else if (before.get(n) !== after.get(n)) this.add("ENUM_CONST_CHANGED");
      });
    }
  }

  compareMessages(o: protobuf.Type, u: protobuf.Type): void {
    if (this.active.has(o)) return;
    this.active.add(o);
    try {
      this.compareFields(o, u);
      this.compareTypes(o.nestedArray, u.nestedArray);
    } finally {
      this.active.delete(o);
    }
  }

  private compareFields(o: protobuf.Type, u: protobuf.Type): void {
    const plain = (t: protobuf.Type) => new Map(t.fieldsArray.filter((f) => !f.partOf).map((f) => [f.id, f]));
    const all = (t: protobuf.Type) => new Map(t.fieldsArray.map((f) => [f.id, f]));
    const oneofOf = (t: protobuf.Type) => new Map(t.fieldsArray.filter((f) => f.partOf).map((f) => [f.id, f.partOf!.name]));
    const originalPlain = plain(o);
    const updatePlain = plain(u);
    const originalOneofTag = oneofOf(o);
    const updateOneofTag = oneofOf(u);

    // A oneof may take over one existing field, or members of one existing oneof; members that
    // come from several places could be set together in old data, which the new oneof forbids.
    for (const oneof of u.oneofsArray) {
      this.within(oneof.name, () => {
        const sources = new Set<string>();
        let movedPlain = 0;
        for (const field of oneof.fieldsArray) {
          if (originalPlain.delete(field.id)) {
            movedPlain++;
            sources.add(`field:${field.id}`);
          } else if (originalOneofTag.has(field.id)) sources.add(`oneof:${originalOneofTag.get(field.id)}`);
        }
        if (sources.size <= 1) return;
        this.add(movedPlain === sources.size ? "MULTIPLE_FIELDS_MOVED_TO_ONEOF" : "FIELD_MOVED_TO_EXISTING_ONEOF");
      });
    }
    const updateAllTags = new Set(u.fieldsArray.map((f) => f.id));
    for (const name of new Set([...o.oneofsArray.map((x) => x.name), ...u.oneofsArray.map((x) => x.name)])) {
      this.within(name, () => {
        const before = o.oneofs?.[name];
        const after = u.oneofs?.[name];
        if (!after) {
          this.add("ONEOF_REMOVED");
          for (const field of before!.fieldsArray)
            if (!updateAllTags.has(field.id)) this.within(String(field.id), () => this.add("ONEOF_FIELD_REMOVED"));
          return;
        }
        if (!before) return this.add("ONEOF_ADDED");
        const beforeTags = new Map(before.fieldsArray.map((f) => [f.id, f]));
        const afterTags = new Map(after.fieldsArray.map((f) => [f.id, f]));
        for (const tag of new Set([...beforeTags.keys(), ...afterTags.keys()])) {
          this.within(String(tag), () => {
            const of = beforeTags.get(tag);
            const uf = afterTags.get(tag);
            if (!uf) {
              if (!updateAllTags.has(tag)) this.add("ONEOF_FIELD_REMOVED");
              else if (!updateOneofTag.has(tag)) this.add("ONEOF_FIELD_MOVED_TO_TOP_LEVEL");
            } else if (!of) this.add("ONEOF_FIELD_ADDED");
            else this.compareField(of, uf);
          });
        }
      });
    }
    for (const tag of new Set([...originalPlain.keys(), ...updatePlain.keys()])) {
      this.within(String(tag), () => {
        const of = originalPlain.get(tag);
        const uf = updatePlain.get(tag);
        if (!uf) return this.add(of!.required ? "REQUIRED_FIELD_REMOVED" : "FIELD_REMOVED");
        if (!of) return this.add(uf.required ? "REQUIRED_FIELD_ADDED" : "FIELD_ADDED");
        this.compareField(of, uf);
      });
    }
    // Fields whose oneof membership changed are compared by tag too, so a type change is not
    // hidden by a move into or out of a oneof.
    const originalAll = all(o);
    const updateAll = all(u);
    for (const tag of [...originalAll.keys()].filter((t) => updateAll.has(t)).sort((a, b) => a - b)) {
      const a = originalOneofTag.get(tag);
      const b = updateOneofTag.get(tag);
      if ((a === undefined && b === undefined) || (a !== undefined && a === b)) continue;
      this.within(String(tag), () => this.compareField(originalAll.get(tag)!, updateAll.get(tag)!));
    }
  }

  private compareField(o: protobuf.Field, u: protobuf.Field): void {
    if (o.name !== u.name) this.add("FIELD_NAME_CHANGED");
    if (o.repeated !== u.repeated) {
      const kind = this.kindOf(o);
      const text = kind === "SCALAR" && SCALAR_GROUPS[o.type] === "text";
      if (kind === "SCALAR") this.add(text ? "FIELD_STRING_OR_BYTES_LABEL_CHANGED" : "FIELD_NUMERIC_LABEL_CHANGED");
    }
    this.compareFieldTypes(o, u);
  }

  private kindOf(field: protobuf.Field): FieldKind {
    if (field instanceof protobuf.MapField || (field as { map?: boolean }).map) return "MAP";
    if (SCALAR_GROUPS[field.type]) return "SCALAR";
    return field.resolvedType instanceof protobuf.Enum ? "SCALAR" : "MESSAGE";
  }

  private compareFieldTypes(o: protobuf.Field, u: protobuf.Field): void {
    const ok = this.kindOf(o);
    const uk = this.kindOf(u);
    if (ok !== uk) return this.add("FIELD_KIND_CHANGED");
    if (ok === "MAP") {
      const om = o as unknown as protobuf.MapField;
      const um = u as unknown as protobuf.MapField;
      if (SCALAR_GROUPS[om.keyType] !== SCALAR_GROUPS[um.keyType]) this.add("FIELD_SCALAR_KIND_CHANGED");
      return this.compareTypeNames(o, u);
    }
    this.compareTypeNames(o, u);
  }

  private compareTypeNames(o: protobuf.Field, u: protobuf.Field): void {
    const ot = o.resolvedType;
    const ut = u.resolvedType;
    const scalarGroup = (f: protobuf.Field) => (f.resolvedType instanceof protobuf.Enum ? "number" : SCALAR_GROUPS[f.type]);
    if (!(ot instanceof protobuf.Type) || !(ut instanceof protobuf.Type)) {
      if (ot instanceof protobuf.Type !== ut instanceof protobuf.Type) return this.add("FIELD_KIND_CHANGED");
      if (scalarGroup(o) !== scalarGroup(u)) this.add("FIELD_SCALAR_KIND_CHANGED");
      return;
    }
    const localName = (t: protobuf.Type) => {
      const full = t.fullName.replace(/^\./, "");
      const pkg = packageOf(t);
      return pkg && full.startsWith(pkg + ".") ? full.slice(pkg.length + 1) : full;
    };
    if (localName(ot) !== localName(ut)) return this.add("FIELD_NAMED_TYPE_CHANGED");
    const originFrom = this.original.origin.get(ot.fullName.replace(/^\./, ""));
    const originTo = this.update.origin.get(ut.fullName.replace(/^\./, ""));
    // Two references to the same subject version are the same type: nothing to compare.
    if (originFrom && originTo && originFrom === originTo) return;
    const sub = new Walker(this.original, this.update, [localName(ot)], this.active);
    sub.compareMessages(ot, ut);
    this.changes.push(...sub.changes);
    if (!sub.changes.every(isCompatibleProtoChange)) this.add("FIELD_NAMED_TYPE_CHANGED");
  }
}

function packageOf(type: protobuf.ReflectionObject): string {
  // The package is the chain of namespaces above the outermost type.
  let node: protobuf.ReflectionObject | null = type;
  while (node?.parent && node.parent instanceof protobuf.Type) node = node.parent;
  const parent = node?.parent;
  if (!parent || parent instanceof protobuf.Root) return "";
  return parent.fullName.replace(/^\./, "");
}

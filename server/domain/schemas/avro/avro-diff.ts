// A field-level diff of two Avro schemas, each change labelled with whether it keeps BACKWARD
// (new reader, old data) and FORWARD (old reader, new data) compatibility. The labels come from
// running the reader/writer rules on the part that changed, so they agree with the verdict.
import type { LabelledChange } from "../compat-types";
import { checkReaderWriter } from "./avro-compat";
import type { AvroNode } from "./avro-model";

export function diffAvro(before: AvroNode, after: AvroNode): LabelledChange[] {
  const out: LabelledChange[] = [];
  walk(before, after, "", out, new Set());
  return out;
}

function label(before: AvroNode, after: AvroNode) {
  return { backward: checkReaderWriter(after, before).length === 0, forward: checkReaderWriter(before, after).length === 0 };
}

function typeName(node: AvroNode): string {
  if ("fullName" in node) return node.fullName;
  if (node.kind === "array") return `array<${typeName(node.items)}>`;
  if (node.kind === "map") return `map<${typeName(node.values)}>`;
  if (node.kind === "union") return `[${node.branches.map(typeName).join(", ")}]`;
  return node.logicalType ? `${node.kind} (${node.logicalType})` : node.kind;
}

function walk(before: AvroNode, after: AvroNode, path: string, out: LabelledChange[], seen: Set<string>): void {
  if (before.kind !== after.kind || (before.kind === "union") !== (after.kind === "union")) {
    if (typeName(before) === typeName(after)) return;
    const kind = before.kind === "union" || after.kind === "union" ? "UNION_CHANGED" : "TYPE_CHANGED";
    out.push({ path: path || "/", kind, description: `type ${typeName(before)} → ${typeName(after)}`, ...label(before, after) });
    return;
  }
  switch (before.kind) {
    case "record": {
      const a = after as typeof before;
      const key = `${before.fullName}>${a.fullName}`;
      if (seen.has(key)) return;
      seen.add(key);
      if (before.name !== a.name)
        out.push({
          path: path || "/",
          kind: "NAME_CHANGED",
          description: `record ${before.fullName} → ${a.fullName}`,
          ...label(before, after),
        });
      for (const field of a.fields) {
        const old = before.fields.find((f) => f.name === field.name) ?? before.fields.find((f) => field.aliases.includes(f.name));
        const at = `${path}/${field.name}`;
        if (!old) {
          out.push({
            path: at,
            kind: field.hasDefault ? "FIELD_ADDED_WITH_DEFAULT" : "FIELD_ADDED_WITHOUT_DEFAULT",
            description: `field "${field.name}" (${typeName(field.type)}) added${field.hasDefault ? ` with default ${JSON.stringify(field.default)}` : " without a default"}`,
            backward: field.hasDefault,
            forward: true,
          });
          continue;
        }
        if (old.name !== field.name)
          out.push({
            path: at,
            kind: "FIELD_RENAMED",
            description: `field "${old.name}" renamed to "${field.name}" (alias)`,
            backward: true,
            forward: false,
          });
        if (old.hasDefault !== field.hasDefault) {
          out.push({
            path: at,
            kind: field.hasDefault ? "DEFAULT_ADDED" : "DEFAULT_REMOVED",
            description: `default of "${field.name}" ${field.hasDefault ? "added" : "removed"}`,
            backward: true,
            forward: true,
          });
        }
        walk(old.type, field.type, at, out, seen);
      }
      for (const old of before.fields) {
        if (a.fields.some((f) => f.name === old.name || f.aliases.includes(old.name))) continue;
        out.push({
          path: `${path}/${old.name}`,
          kind: old.hasDefault ? "FIELD_REMOVED_WITH_DEFAULT" : "FIELD_REMOVED_WITHOUT_DEFAULT",
          description: `field "${old.name}" (${typeName(old.type)}) removed`,
          backward: true,
          forward: old.hasDefault,
        });
      }
      return;
    }
    case "enum": {
      const a = after as typeof before;
      const added = a.symbols.filter((s) => !before.symbols.includes(s));
      const removed = before.symbols.filter((s) => !a.symbols.includes(s));
      if (added.length)
        out.push({
          path: `${path}/symbols`,
          kind: "ENUM_SYMBOLS_ADDED",
          description: `symbols added: ${added.join(", ")}`,
          ...label(before, after),
          backward: true,
        });
      if (removed.length)
        out.push({
          path: `${path}/symbols`,
          kind: "ENUM_SYMBOLS_REMOVED",
          description: `symbols removed: ${removed.join(", ")}`,
          ...label(before, after),
          forward: true,
        });
      return;
    }
    case "fixed": {
      const a = after as typeof before;
      if (before.size !== a.size)
        out.push({
          path: path || "/",
          kind: "FIXED_SIZE_CHANGED",
          description: `size ${before.size} → ${a.size}`,
          backward: false,
          forward: false,
        });
      return;
    }
    case "array":
      return walk(before.items, (after as typeof before).items, `${path}/items`, out, seen);
    case "map":
      return walk(before.values, (after as typeof before).values, `${path}/values`, out, seen);
    case "union": {
      const a = after as typeof before;
      const names = (n: typeof before) => n.branches.map(typeName);
      const added = names(a).filter((n) => !names(before).includes(n));
      const removed = names(before).filter((n) => !names(a).includes(n));
      if (added.length || removed.length) {
        const parts = [added.length ? `added ${added.join(", ")}` : "", removed.length ? `removed ${removed.join(", ")}` : ""].filter(
          Boolean,
        );
        out.push({
          path: path || "/",
          kind: removed.length ? "UNION_BRANCH_REMOVED" : "UNION_BRANCH_ADDED",
          description: `union branches ${parts.join("; ")}`,
          ...label(before, after),
        });
      }
      for (const branch of a.branches) {
        const match = before.branches.find((b) => typeName(b) === typeName(branch));
        if (match && "fullName" in branch) walk(match, branch, path, out, seen);
      }
      return;
    }
    default:
      if (before.logicalType !== (after as typeof before).logicalType) {
        out.push({
          path: path || "/",
          kind: "LOGICAL_TYPE_CHANGED",
          description: `type ${typeName(before)} → ${typeName(after)}`,
          backward: true,
          forward: true,
        });
      }
  }
}

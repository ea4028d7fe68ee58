// The side-by-side diff of two versions of a subject: both texts (pretty-printed) and every
// change labelled with its impact on BACKWARD and FORWARD compatibility.
import { diffAvro } from "./avro/avro-diff";
import type { LabelledChange } from "./compat-types";
import { getVersion, resolveReferences } from "./query-registry";
import { isCompatibleJsonChange } from "./json/json-diff";
import { isCompatibleProtoChange } from "./protobuf/proto-diff";
import { parseSchema, structuralChanges, type ParsedSchema } from "./schema-formats";

export function labelledChanges(before: ParsedSchema, after: ParsedSchema): LabelledChange[] {
  if (before.type === "AVRO" && after.type === "AVRO") return diffAvro(before.node, after.node);
  const isCompatible = before.type === "JSON" ? isCompatibleJsonChange : isCompatibleProtoChange;
  const forwardBreaks = new Set(
    structuralChanges(after, before)
      .filter((c) => !isCompatible(c))
      .map((c) => c.path),
  );
  return structuralChanges(before, after)
    .filter((c) => c.kind !== "MESSAGE_MOVED")
    .map((c) => ({
      path: c.path,
      kind: c.kind,
      description: c.kind.toLowerCase().replace(/_/g, " "),
      backward: isCompatible(c),
      forward: !forwardBreaks.has(c.path),
    }));
}

export function prettySchema(type: string, text: string): string {
  if (type === "PROTOBUF") return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export async function diffVersions(subject: string, from: string, to: string) {
  const [a, b] = await Promise.all([getVersion(subject, from, true), getVersion(subject, to, true)]);
  const parse = async (v: typeof a) => parseSchema(v.type, { schema: v.schema, references: await resolveReferences(v.references) });
  const changes = a.type === b.type ? labelledChanges(await parse(a), await parse(b)) : [];
  return {
    from: { version: a.version, id: a.id, type: a.type, text: prettySchema(a.type, a.schema) },
    to: { version: b.version, id: b.id, type: b.type, text: prettySchema(b.type, b.schema) },
    changes,
  };
}

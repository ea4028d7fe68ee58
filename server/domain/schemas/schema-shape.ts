// What the policies look at in a schema: the event types it describes (their names) and the field paths
// each one carries, a few levels deep ("metadata.event_id"). Avro: the root record, or each record of a
// root union (one subject, several event types); JSON Schema: the root object, named by its title;
// Protobuf: the file's first message, the one Confluent's serializers write by default.
import protobuf from "protobufjs";
import type { EventShape } from "@/server/domain/policies";
import type { AvroNode } from "./avro/avro-model";
import type { JsonNode } from "./json/json-model";
import type { ParsedSchema } from "./schema-formats";

const DEPTH = 3;

function avroRecords(node: AvroNode): Extract<AvroNode, { kind: "record" }>[] {
  if (node.kind === "record") return [node];
  if (node.kind === "union") return node.branches.filter((b): b is Extract<AvroNode, { kind: "record" }> => b.kind === "record");
  return [];
}

function avroFields(node: AvroNode, prefix: string, depth: number, out: string[]) {
  for (const record of avroRecords(node)) {
    for (const f of record.fields) {
      const path = prefix ? `${prefix}.${f.name}` : f.name;
      out.push(path);
      if (depth > 1) avroFields(f.type, path, depth - 1, out);
    }
  }
}

function jsonObjects(node: JsonNode, seen = new Set<JsonNode>()): Extract<JsonNode, { kind: "object" }>[] {
  if (seen.has(node)) return [];
  seen.add(node);
  if (node.kind === "object") return [node];
  if (node.kind === "ref") return jsonObjects(node.target(), seen);
  if (node.kind === "combined" && node.criterion === "allOf") return node.subschemas.flatMap((s) => jsonObjects(s, seen));
  return [];
}

function jsonFields(node: JsonNode, prefix: string, depth: number, out: string[]) {
  for (const object of jsonObjects(node)) {
    for (const [name, child] of object.properties) {
      const path = prefix ? `${prefix}.${name}` : name;
      out.push(path);
      if (depth > 1) jsonFields(child, path, depth - 1, out);
    }
  }
}

function protoFields(type: protobuf.Type, prefix: string, depth: number, out: string[]) {
  for (const field of type.fieldsArray) {
    const path = prefix ? `${prefix}.${field.name}` : field.name;
    out.push(path);
    field.resolve();
    if (depth > 1 && field.resolvedType instanceof protobuf.Type) protoFields(field.resolvedType, path, depth - 1, out);
  }
}

export function schemaShape(parsed: ParsedSchema): EventShape[] {
  if (parsed.type === "AVRO") {
    return avroRecords(parsed.node).map((record) => {
      const fields: string[] = [];
      avroFields(record, "", DEPTH, fields);
      return { name: record.name.split(".").pop() ?? record.name, namePath: "name", fields };
    });
  }
  if (parsed.type === "JSON") {
    const fields: string[] = [];
    jsonFields(parsed.node, "", DEPTH, fields);
    const title = (parsed.json as { title?: unknown } | null)?.title;
    return [{ name: typeof title === "string" && title.trim() ? title.trim() : null, namePath: "title", fields }];
  }
  const first = parsed.file.types.find((t): t is protobuf.Type => t instanceof protobuf.Type);
  if (!first) return [];
  const fields: string[] = [];
  protoFields(first, "", DEPTH, fields);
  return [{ name: first.name, namePath: `message ${first.name}`, fields }];
}

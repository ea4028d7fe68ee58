// One entry per schema type: how its text is parsed and validated, how two parsed schemas are
// compared in the BACKWARD direction (the candidate reads what the previous schema wrote; FORWARD
// is the same question with the roles swapped), and its canonical text for identity.
import { checkReaderWriter } from "./avro/avro-compat";
import { AvroSchemaError, parseAvro, type AvroNode, type AvroRegistry } from "./avro/avro-model";
import type { Incompatibility, SchemaType } from "./compat-types";
import { diffJsonSchemas, isCompatibleJsonChange, type JsonChange } from "./json/json-diff";
import { JsonSchemaError, loadJsonSchema, type JsonNode } from "./json/json-model";
import { validateJsonSchema } from "./json/json-validate";
import { diffProtobufSchemas, isCompatibleProtoChange, type ProtoChange } from "./protobuf/proto-diff";
import { parseProtobuf, ProtobufSchemaError, type ProtoFile } from "./protobuf/proto-model";

/** A referenced schema, already resolved to its text (transitively, dependencies first). */
export type ResolvedReference = { name: string; subject: string; version: number; schema: string };
export type SchemaSource = { schema: string; references?: ResolvedReference[] };

export class InvalidSchemaError extends Error {}

export type ParsedSchema =
  { type: "AVRO"; node: AvroNode; json: unknown } | { type: "JSON"; node: JsonNode; json: unknown } | { type: "PROTOBUF"; file: ProtoFile };

export function parseSchema(type: SchemaType, source: SchemaSource): ParsedSchema {
  const references = source.references ?? [];
  try {
    if (type === "AVRO") {
      let known: AvroRegistry = new Map();
      for (const reference of references) known = parseAvro(reference.schema, known).registry;
      const { root, json } = parseAvro(source.schema, known);
      return { type, node: root, json };
    }
    if (type === "JSON") {
      const json = parseJsonText(source.schema);
      const external = new Map(references.map((r) => [r.name, parseJsonText(r.schema)] as const));
      validateJsonSchema(json, external);
      return { type, node: loadJsonSchema(json, external), json };
    }
    const file = parseProtobuf(
      source.schema,
      references.map((r) => ({ name: r.name, schema: r.schema, key: `${r.subject}:${r.version}` })),
    );
    return { type, file };
  } catch (error) {
    if (error instanceof AvroSchemaError || error instanceof JsonSchemaError || error instanceof ProtobufSchemaError) {
      throw new InvalidSchemaError(error.message);
    }
    throw error;
  }
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new JsonSchemaError(`Invalid JSON schema: not JSON (${(error as Error).message})`);
  }
}

/** Incompatibilities when `candidate` must read data written with `previous`. */
export function backwardIncompatibilities(previous: ParsedSchema, candidate: ParsedSchema): Incompatibility[] {
  if (previous.type === "AVRO" && candidate.type === "AVRO") return checkReaderWriter(candidate.node, previous.node);
  if (previous.type === "JSON" && candidate.type === "JSON") {
    return describeChanges(diffJsonSchemas(previous.node, candidate.node).filter((c) => !isCompatibleJsonChange(c)));
  }
  if (previous.type === "PROTOBUF" && candidate.type === "PROTOBUF") {
    return describeChanges(diffProtobufSchemas(previous.file, candidate.file).filter((c) => !isCompatibleProtoChange(c)));
  }
  return [{ path: "/", kind: "SCHEMA_TYPE_CHANGED", message: `schema type changed from ${previous.type} to ${candidate.type}` }];
}

/** All changes from `previous` to `candidate` for JSON and Protobuf (Avro has its own differ). */
export function structuralChanges(previous: ParsedSchema, candidate: ParsedSchema): (JsonChange | ProtoChange)[] {
  if (previous.type === "JSON" && candidate.type === "JSON") return diffJsonSchemas(previous.node, candidate.node);
  if (previous.type === "PROTOBUF" && candidate.type === "PROTOBUF") return diffProtobufSchemas(previous.file, candidate.file);
  return [];
}

export function describeChanges(changes: (JsonChange | ProtoChange)[]): Incompatibility[] {
  return changes.map((c) => ({ path: c.path, kind: c.kind, message: humanize(c.kind) }));
}

function humanize(kind: string): string {
  const text = kind.toLowerCase().replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// The reverse of the decoder: a JSON value encoded with a subject's schema into Confluent framing
// (magic byte 0, the schema id, for Protobuf the message-index list, then the payload), so that any
// Confluent-compatible deserializer reads it. Values that do not fit the schema are refused with
// where and why, before anything is sent.
import avro from "avsc";
import protobuf from "protobufjs";
import { DomainError } from "@/server/errors";
import { cachedParse, storedKey } from "./parsed-cache";
import { getVersion, resolveReferences } from "./query-registry";
import { RegistryError } from "./registry-errors";
import { parseSchema } from "./schema-formats";
import { jsonDataValidator } from "./json/json-validate";

export type Encoded = { bytes: Buffer; schemaId: number; schemaType: string; message?: string };

function frame(schemaId: number, body: Uint8Array, indexes: number[] | null = null): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(schemaId, 1);
  return Buffer.concat([head, indexes ? messageIndexBytes(indexes) : Buffer.alloc(0), Buffer.from(body)]);
}

/** Confluent's message-index list: zigzag varints, a count then the path; [0] is written as a lone 0. */
export function messageIndexBytes(path: number[]): Buffer {
  const out: number[] = [];
  const varint = (n: number) => {
    let z = ((n << 1) ^ (n >> 31)) >>> 0;
    while (z > 0x7f) {
      out.push((z & 0x7f) | 0x80);
      z >>>= 7;
    }
    out.push(z);
  };
  if (path.length === 1 && path[0] === 0) varint(0);
  else {
    varint(path.length);
    for (const i of path) varint(i);
  }
  return Buffer.from(out);
}

/** Where a message type sits among the file's messages (the index path Confluent writes). */
function indexPath(types: protobuf.ReflectionObject[], wanted: protobuf.Type): number[] | null {
  const messages = (list: protobuf.ReflectionObject[]) => list.filter((t): t is protobuf.Type => t instanceof protobuf.Type);
  const walk = (list: protobuf.ReflectionObject[], path: number[]): number[] | null => {
    const ms = messages(list);
    for (let i = 0; i < ms.length; i++) {
      if (ms[i] === wanted) return [...path, i];
      const deeper = walk(ms[i]!.nestedArray, [...path, i]);
      if (deeper) return deeper;
    }
    return null;
  };
  return walk(types, []);
}

const refuse = (subject: string, why: string): never => {
  throw new DomainError("INVALID_INPUT", `The value does not fit the schema of ${subject}: ${why}`);
};

/** `value` is the parsed JSON to encode; `message` picks a Protobuf message by name (default: the file's first). */
export async function encodeWithSubject(
  subject: string,
  value: unknown,
  opts: { version?: number | "latest"; message?: string } = {},
): Promise<Encoded> {
  const version = await getVersion(subject, opts.version ?? "latest").catch((e) => {
    if (e instanceof RegistryError)
      throw new DomainError("NOT_FOUND", `No schema is registered under ${subject}${opts.version ? ` (version ${opts.version})` : ""}`);
    throw e;
  });
  if (version.type === "AVRO") {
    if (version.references.length) throw new DomainError("INVALID_INPUT", "Avro schemas with references cannot be encoded here yet");
    const type = avro.Type.forSchema(JSON.parse(version.schema) as avro.Schema);
    const problems: string[] = [];
    type.isValid(value, { errorHook: (path, got) => problems.push(`${path.join(".") || "(the value)"} cannot be ${JSON.stringify(got)}`) });
    let fitting = value;
    if (problems.length) {
      // Avro's own JSON encoding wraps union values ({"string": "x"}); the browser shows them plain. Take either.
      try {
        fitting = type.fromString(JSON.stringify(value));
      } catch {
        refuse(subject, problems.slice(0, 3).join("; "));
      }
    }
    return { bytes: frame(version.id, type.toBuffer(fitting)), schemaId: version.id, schemaType: "AVRO" };
  }
  const references = await resolveReferences(version.references);
  if (version.type === "JSON") {
    const validate = jsonDataValidator(JSON.parse(version.schema), new Map(references.map((r) => [r.name, JSON.parse(r.schema)])));
    const problem = validate(value);
    if (problem) refuse(subject, problem);
    return { bytes: frame(version.id, Buffer.from(JSON.stringify(value))), schemaId: version.id, schemaType: "JSON" };
  }
  const parsed = await cachedParse(storedKey(version.id), async () => parseSchema(version.type, { schema: version.schema, references }));
  if (parsed.type !== "PROTOBUF") throw new DomainError("INVALID_INPUT", `${version.type} schemas cannot be encoded here`);
  const candidates = parsed.file.types.filter((t): t is protobuf.Type => t instanceof protobuf.Type);
  let type: protobuf.Type | undefined = candidates[0];
  if (opts.message) {
    const found = parsed.file.root.lookup(opts.message);
    type = found instanceof protobuf.Type ? found : undefined;
    if (!type) refuse(subject, `it has no message ${opts.message}`);
  }
  if (!type) refuse(subject, "it declares no message");
  const problem = type!.verify(value as Record<string, unknown>);
  if (problem) refuse(subject, problem);
  const path = indexPath(parsed.file.types, type!);
  if (!path) refuse(subject, `${type!.fullName} is not one of its own messages`);
  return {
    bytes: frame(version.id, type!.encode(type!.fromObject(value as Record<string, unknown>)).finish(), path),
    schemaId: version.id,
    schemaType: "PROTOBUF",
    message: type!.fullName.replace(/^\./, ""),
  };
}

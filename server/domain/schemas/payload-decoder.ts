// Payloads as people read them. Confluent-framed bytes (magic byte 0 + schema id) are decoded with
// the writer's schema from this registry: Avro, JSON Schema, and Protobuf (after the message-index
// list that names which message of the file was written); anything else as UTF-8 text or, if
// binary, hex. A decoder remembers the schemas it met (stored schemas never change), so a search
// over a million records asks the database once per schema id, not once per record.
import avro from "avsc";
import protobuf from "protobufjs";
import { db } from "@/server/db";
import { cachedParse, storedKey } from "./parsed-cache";
import { getSchemaById, resolveReferences } from "./query-registry";
import { RegistryError } from "./registry-errors";
import { parseSchema } from "./schema-formats";

export type DecodedPayload =
  | { kind: "empty" }
  | { kind: "schema"; schemaId: number; schemaType: string; json: unknown; subject: string | null; message?: string }
  | { kind: "schema-bytes"; schemaId: number | null; schemaType: string; hex: string; note: string }
  | { kind: "text"; text: string }
  | { kind: "binary"; hex: string };

export function isUtf8(buf: Buffer): boolean {
  const text = buf.toString("utf8");
  return Buffer.from(text, "utf8").equals(buf) && !/[\u0000-\u0008\u000e-\u001f]/.test(text);
}

/** Decoded Avro as plain JSON data: records as plain objects, bytes as hex, big longs as strings.
 *  (A walk, not JSON.stringify with a replacer: this runs once per record of a search.) */
function jsonSafe(v: unknown): unknown {
  if (v === null || typeof v !== "object") return typeof v === "bigint" ? v.toString() : v;
  if (Buffer.isBuffer(v)) return v.toString("hex");
  if (Array.isArray(v)) return v.map(jsonSafe);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = jsonSafe((v as Record<string, unknown>)[k]);
  return out;
}

type SchemaDecoder = { type: string; decode(payload: Buffer): { json: unknown; message?: string } } | { type: string; unsupported: string };

/** Confluent's Protobuf framing: a zigzag varint count, then that many indexes into the file's
 *  messages (nested path); a lone 0 means the first message. */
export function readMessageIndexes(buf: Buffer): { indexes: number[]; rest: Buffer } {
  let pos = 0;
  const varint = () => {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (pos >= buf.length) throw new Error("the message-index list runs past the payload");
      const byte = buf[pos++]!;
      result |= (byte & 0x7f) << shift;
      if (!(byte & 0x80)) return (result >>> 1) ^ -(result & 1);
    }
    throw new Error("a message index is longer than a varint");
  };
  const count = varint();
  if (count < 0 || count > 100) throw new Error(`the message-index list claims ${count} entries`);
  const indexes = count === 0 ? [0] : Array.from({ length: count }, varint);
  return { indexes, rest: buf.subarray(pos) };
}

function protobufDecoder(types: protobuf.ReflectionObject[]): SchemaDecoder {
  const messagesOf = (list: protobuf.ReflectionObject[]) => list.filter((t): t is protobuf.Type => t instanceof protobuf.Type);
  return {
    type: "PROTOBUF",
    decode(payload) {
      const { indexes, rest } = readMessageIndexes(payload);
      let candidates = messagesOf(types);
      let type: protobuf.Type | undefined;
      for (const i of indexes) {
        type = candidates[i];
        if (!type) throw new Error(`the schema has no message at index path [${indexes.join(", ")}]`);
        candidates = messagesOf(type.nestedArray);
      }
      const message = type!.decode(rest);
      return {
        json: type!.toObject(message, { longs: String, enums: String, bytes: String, defaults: false, oneofs: true }),
        message: type!.fullName.replace(/^\./, ""),
      };
    },
  };
}

async function schemaDecoder(schemaId: number): Promise<SchemaDecoder | null> {
  const schema = await getSchemaById(schemaId).catch((e) => (e instanceof RegistryError ? null : Promise.reject(e)));
  if (!schema) return null;
  if (schema.type === "JSON") return { type: "JSON", decode: (p) => ({ json: JSON.parse(p.toString("utf8")) }) };
  if (schema.type === "AVRO") {
    if (schema.references.length) return { type: "AVRO", unsupported: "Avro payloads whose schema has references are shown as bytes" };
    const t = avro.Type.forSchema(JSON.parse(schema.schema) as avro.Schema);
    return { type: "AVRO", decode: (p) => ({ json: jsonSafe(t.fromBuffer(p)) }) };
  }
  const parsed = await cachedParse(storedKey(schemaId), async () =>
    parseSchema(schema.type, { schema: schema.schema, references: await resolveReferences(schema.references) }),
  );
  if (parsed.type !== "PROTOBUF") return { type: schema.type, unsupported: `${schema.type} payloads are shown as bytes` };
  return protobufDecoder(parsed.file.types);
}

export interface PayloadDecoder {
  /** `subject` is the one the payload was expected under (`<topic>-value`): named when the schema is registered there. */
  decode(buf: Buffer | null, subject: string): Promise<DecodedPayload>;
  /** The same, without waiting, once the schema and subject are known (null: call decode). A search
   *  decodes a million records with a handful of schemas: most need no round trip at all. */
  decodeNow(buf: Buffer | null, subject: string): DecodedPayload | null;
}

function decodeWith(d: SchemaDecoder, schemaId: number, buf: Buffer, subject: string | null): DecodedPayload {
  const payload = buf.subarray(5);
  if ("unsupported" in d) return { kind: "schema-bytes", schemaId, schemaType: d.type, hex: payload.toString("hex"), note: d.unsupported };
  try {
    const { json, message } = d.decode(payload);
    return { kind: "schema", schemaId, schemaType: d.type, json, subject, ...(message ? { message } : {}) };
  } catch (error) {
    return {
      kind: "schema-bytes",
      schemaId,
      schemaType: d.type,
      hex: buf.toString("hex"),
      note: `does not decode with schema ${schemaId}: ${(error as Error).message}`,
    };
  }
}

const plainPayload = (buf: Buffer): DecodedPayload =>
  isUtf8(buf) ? { kind: "text", text: buf.toString("utf8") } : { kind: "binary", hex: buf.toString("hex") };

export function createPayloadDecoder(): PayloadDecoder {
  const decoders = new Map<number, Promise<SchemaDecoder | null>>();
  const subjects = new Map<string, Promise<string | null>>();
  // What the promises above resolved to, for the synchronous path.
  const knownDecoders = new Map<number, SchemaDecoder | null>();
  const knownSubjects = new Map<string, string | null>();
  const subjectOf = (schemaId: number, subject: string) => {
    const key = `${schemaId}\u0000${subject}`;
    let hit = subjects.get(key);
    if (!hit) {
      hit = db.subjectVersion.findFirst({ where: { schemaId, subject }, select: { subject: true } }).then((r) => {
        knownSubjects.set(key, r?.subject ?? null);
        return r?.subject ?? null;
      });
      subjects.set(key, hit);
    }
    return hit;
  };
  return {
    decodeNow(buf, subject) {
      if (!buf || !buf.length) return { kind: "empty" };
      if (!(buf.length > 5 && buf[0] === 0)) return plainPayload(buf);
      const schemaId = buf.readUInt32BE(1);
      if (!knownDecoders.has(schemaId)) return null;
      const d = knownDecoders.get(schemaId)!;
      if (!d) return plainPayload(buf);
      const key = `${schemaId}\u0000${subject}`;
      if ("unsupported" in d || knownSubjects.has(key)) return decodeWith(d, schemaId, buf, knownSubjects.get(key) ?? null);
      return null;
    },
    async decode(buf, subject) {
      if (!buf || !buf.length) return { kind: "empty" };
      if (buf.length > 5 && buf[0] === 0) {
        const schemaId = buf.readUInt32BE(1);
        let decoder = decoders.get(schemaId);
        if (!decoder) {
          decoder = schemaDecoder(schemaId).then((d) => {
            knownDecoders.set(schemaId, d);
            return d;
          });
          decoders.set(schemaId, decoder);
        }
        const d = await decoder;
        if (d) return decodeWith(d, schemaId, buf, "unsupported" in d ? null : await subjectOf(schemaId, subject));
      }
      return plainPayload(buf);
    },
  };
}

/** One payload, decoded on its own (opening a single record). */
export function decodePayload(buf: Buffer | null, subject: string): Promise<DecodedPayload> {
  return createPayloadDecoder().decode(buf, subject);
}

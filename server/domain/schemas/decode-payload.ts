// A payload as people read it. Confluent-framed bytes (magic byte 0 + schema id) are decoded with the
// writer's schema from this registry (Avro and JSON Schema; Protobuf is shown as bytes with its
// schema id); anything else as UTF-8 text or, if binary, hex.
import avro from "avsc";
import { db } from "@/server/db";
import { getSchemaById } from "./query-registry";
import { RegistryError } from "./registry-errors";

export type DecodedPayload =
  | { kind: "empty" }
  | { kind: "schema"; schemaId: number; schemaType: string; json: unknown; subject: string | null }
  | { kind: "schema-bytes"; schemaId: number | null; schemaType: string; hex: string; note: string }
  | { kind: "text"; text: string }
  | { kind: "binary"; hex: string };

export function isUtf8(buf: Buffer): boolean {
  const text = buf.toString("utf8");
  return Buffer.from(text, "utf8").equals(buf) && !/[\u0000-\u0008\u000e-\u001f]/.test(text);
}

// Avro long values beyond 2^53 and bytes do not survive JSON.stringify as they are.
const jsonSafe = (v: unknown): unknown =>
  JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : Buffer.isBuffer(x) ? x.toString("hex") : x)));

/** `subject` is the one the payload was expected under (`<topic>-value`): named when the schema is registered there. */
export async function decodePayload(buf: Buffer | null, subject: string): Promise<DecodedPayload> {
  if (!buf || !buf.length) return { kind: "empty" };
  if (buf.length > 5 && buf[0] === 0) {
    const schemaId = buf.readUInt32BE(1);
    const schema = await getSchemaById(schemaId).catch((e) => (e instanceof RegistryError ? null : Promise.reject(e)));
    if (schema) {
      const payload = buf.subarray(5);
      const subjectRow = await db.subjectVersion.findFirst({ where: { schemaId, subject }, select: { subject: true } });
      try {
        if (schema.type === "AVRO" && !schema.references.length) {
          return {
            kind: "schema",
            schemaId,
            schemaType: "AVRO",
            json: jsonSafe(avro.Type.forSchema(JSON.parse(schema.schema)).fromBuffer(payload)),
            subject: subjectRow?.subject ?? null,
          };
        }
        if (schema.type === "JSON")
          return {
            kind: "schema",
            schemaId,
            schemaType: "JSON",
            json: JSON.parse(payload.toString("utf8")),
            subject: subjectRow?.subject ?? null,
          };
      } catch (error) {
        return {
          kind: "schema-bytes",
          schemaId,
          schemaType: schema.type,
          hex: buf.toString("hex"),
          note: `does not decode with schema ${schemaId}: ${(error as Error).message}`,
        };
      }
      return {
        kind: "schema-bytes",
        schemaId,
        schemaType: schema.type,
        hex: payload.toString("hex"),
        note: `${schema.type} payloads are shown as bytes`,
      };
    }
  }
  return isUtf8(buf) ? { kind: "text", text: buf.toString("utf8") } : { kind: "binary", hex: buf.toString("hex") };
}

// "Open the record": one Kafka record, decoded for people. Confluent-framed values (magic byte 0 +
// schema id) are decoded with the writer's schema from our registry (Avro and JSON Schema; Protobuf
// is shown as bytes with its schema id); anything else as UTF-8 text or, if binary, hex. A W3C
// `traceparent` header becomes a link to the trace that produced the record.
import avro from "avsc";
import { authorize, type Actor } from "@/server/domain/identity";
import { db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { readRecord as readRaw } from "@/server/kafka";
import { getSchemaById, RegistryError } from "@/server/domain/schemas";
import { toConnection } from "./cluster-connection";
import { normalizeDeadLetterHeaders } from "./dead-letters";

export type DecodedPayload =
  | { kind: "empty" }
  | { kind: "schema"; schemaId: number; schemaType: string; json: unknown; subject: string | null }
  | { kind: "schema-bytes"; schemaId: number | null; schemaType: string; hex: string; note: string }
  | { kind: "text"; text: string }
  | { kind: "binary"; hex: string };

function isUtf8(buf: Buffer): boolean {
  const text = buf.toString("utf8");
  return Buffer.from(text, "utf8").equals(buf) && !/[\u0000-\u0008\u000e-\u001f]/.test(text);
}

// Avro long values beyond 2^53 and bytes do not survive JSON.stringify as they are.
const jsonSafe = (v: unknown): unknown =>
  JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : Buffer.isBuffer(x) ? x.toString("hex") : x)));

async function decode(buf: Buffer | null, subject: string): Promise<DecodedPayload> {
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

/** `00-<trace id>-<span id>-<flags>` → ids, or null when the header is not a valid W3C traceparent. */
export function parseTraceparent(value: string): { traceId: string; spanId: string } | null {
  const m = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(value.trim().toLowerCase());
  if (!m || m[1] === "ff" || /^0+$/.test(m[2]!) || /^0+$/.test(m[3]!)) return null;
  return { traceId: m[2]!, spanId: m[3]! };
}

export async function readTopicRecord(actor: Actor, input: { topic: string; partition: number; offset: string; clusterId?: string }) {
  const topics = await db.topic.findMany({
    where: { name: input.topic, deletedAt: null, ...(input.clusterId ? { clusterId: input.clusterId } : {}) },
    include: { cluster: true },
    take: 2,
  });
  if (!topics.length) throw new DomainError("NOT_FOUND", `Topic ${input.topic} is not in the catalog of any connected cluster`);
  const topic = topics[0]!;
  authorize(actor, "records:read", { what: `topic "${topic.name}"`, owner: topic.ownerTeam });
  const result = await readRaw(toConnection(topic.cluster), input.topic, input.partition, input.offset).catch((error: Error) => {
    throw new DomainError("CLUSTER_UNREACHABLE", `Could not read from ${topic.cluster.name}: ${error.message}`);
  });
  if (result.status === "out-of-range") {
    throw new DomainError(
      "NOT_FOUND",
      `Offset ${input.offset} is not in the log of ${input.topic}/${input.partition}, which holds offsets ${result.low} to ${BigInt(result.high) - 1n} (older ones were removed by retention)`,
    );
  }
  if (result.status === "timeout")
    throw new DomainError("CLUSTER_UNREACHABLE", `Timed out reading ${input.topic}/${input.partition} at offset ${input.offset}`);
  const raw = result.record;
  const headers = Object.entries(raw.headers).flatMap(([name, values]) =>
    values.map((v) => ({ name, value: isUtf8(v) ? v.toString("utf8") : `0x${v.toString("hex")}` })),
  );
  const traceparent = headers.find((h) => h.name.toLowerCase() === "traceparent");
  const deadLetter = normalizeDeadLetterHeaders(raw.headers);
  // A record with dead-letter headers makes its topic a DLQ, whatever its name.
  if (deadLetter.family && !topic.deadLetterByHeaders)
    await db.topic.update({ where: { id: topic.id }, data: { deadLetter: true, deadLetterByHeaders: true } });
  return {
    topicId: topic.id,
    clusterName: topic.cluster.name,
    ambiguous: topics.length > 1,
    topic: raw.topic,
    partition: raw.partition,
    offset: raw.offset,
    timestamp: new Date(Number(raw.timestamp)).toISOString(),
    key: await decode(raw.key, `${raw.topic}-key`),
    value: await decode(raw.value, `${raw.topic}-value`),
    headers,
    trace: traceparent ? parseTraceparent(traceparent.value) : null,
    deadLetter: deadLetter.family ? deadLetter : null,
  };
}

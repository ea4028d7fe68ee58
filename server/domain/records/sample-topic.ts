// The newest records of a topic, decoded, for the system's own checks (the scorecard): their sizes,
// whether they have a key, their decoded values. Nothing read here is shown to anyone as it is: the
// checks keep derived facts (sizes, counts, partitions and offsets), and a person opening one of those
// records goes through the record view, under their permissions and the masking rules.
import { clusterConnection } from "@/server/domain/connections";
import { createPayloadDecoder, type DecodedPayload } from "@/server/domain/schemas";
import type { TopicRef } from "@/server/domain/topics";
import type { RawRecord } from "@/server/brokers";

export type SampledRecord = {
  partition: number;
  offset: string;
  timestamp: string;
  /** key and value bytes */
  size: number;
  hasKey: boolean;
  /** how the value was written: with a registered schema (Confluent framing), as JSON text, other bytes, or empty */
  format: "schema" | "json" | "other" | "empty";
  /** the decoded value when it is JSON-shaped (a schema's data or JSON text) */
  value: unknown;
};
export type TopicSample = { records: SampledRecord[]; partitions: number; bytes: number };

function valueOf(decoded: DecodedPayload): Pick<SampledRecord, "format" | "value"> {
  if (decoded.kind === "empty") return { format: "empty", value: undefined };
  if (decoded.kind === "schema") return { format: "schema", value: decoded.json };
  if (decoded.kind === "text") {
    try {
      return { format: "json", value: JSON.parse(decoded.text) as unknown };
    } catch {
      return { format: "other", value: undefined };
    }
  }
  return { format: decoded.kind === "schema-bytes" ? "schema" : "other", value: undefined };
}

/**
 * Up to `perPartition` of the newest records of each partition. Kafka topics are read by offset and
 * JetStream streams by sequence, neither of which changes anything. A RabbitMQ queue can only be read
 * by taking messages and handing them back (they come back marked redelivered and are out of the queue
 * meanwhile), so queues are sampled only when `queues` says so; otherwise, and for exchanges, null.
 */
export async function sampleTopic(topic: TopicRef, perPartition: number, opts: { queues?: boolean } = {}): Promise<TopicSample | null> {
  const cluster = await clusterConnection(topic.clusterId);
  const decoder = createPayloadDecoder();
  const subject = `${topic.name}-value`;
  const records: SampledRecord[] = [];
  let bytes = 0;
  // `keyed`: whether the record's key is a partition key (a JetStream subject or a routing key is not).
  const take = async (r: RawRecord, keyed: boolean) => {
    const size = (r.key?.length ?? 0) + (r.value?.length ?? 0);
    bytes += size;
    const decoded = decoder.decodeNow(r.value, subject) ?? (await decoder.decode(r.value, subject));
    records.push({
      partition: r.partition,
      offset: r.offset,
      timestamp: r.timestamp,
      size,
      hasKey: keyed && !!r.key?.length,
      ...valueOf(decoded),
    });
  };
  if (!cluster.broker.openReader) {
    if (topic.kind === "exchange" || (topic.kind === "queue" && !opts.queues)) return null;
    for (const r of await cluster.broker.readTail(topic, perPartition)) await take(r, false);
    return { records, partitions: 1, bytes };
  }
  const reader = await cluster.broker.openReader(topic);
  try {
    const partitions = await reader.partitions();
    for (const p of partitions) {
      let from = p.high - BigInt(perPartition) > p.low ? p.high - BigInt(perPartition) : p.low;
      while (from < p.high) {
        const { records: raw, next } = await reader.read(p.partition, from, 1024 * 1024);
        for (const r of raw) {
          if (BigInt(r.offset) >= p.high) break;
          await take({ ...r, partition: p.partition }, true);
        }
        if (next <= from) break;
        from = next;
      }
    }
    return { records, partitions: partitions.length, bytes };
  } finally {
    await reader.close();
  }
}

// The newest records of a topic, decoded, for the system's own checks (the scorecard): their sizes,
// whether they have a key, their decoded values. Nothing read here is shown to anyone as it is: the
// checks keep derived facts (sizes, counts, partitions and offsets), and a person opening one of those
// records goes through the record view, under their permissions and the masking rules.
import { clusterConnection } from "@/server/domain/connections";
import { createPayloadDecoder, type DecodedPayload } from "@/server/domain/schemas";
import type { TopicRef } from "@/server/domain/topics";

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

/** Up to `perPartition` of the newest records of each partition (Kafka topics; null for other brokers). */
export async function sampleTopic(topic: TopicRef, perPartition: number): Promise<TopicSample | null> {
  const cluster = await clusterConnection(topic.clusterId);
  if (!cluster.broker.openReader) return null;
  const reader = await cluster.broker.openReader(topic);
  const decoder = createPayloadDecoder();
  const records: SampledRecord[] = [];
  let bytes = 0;
  try {
    const partitions = await reader.partitions();
    for (const p of partitions) {
      let from = p.high - BigInt(perPartition) > p.low ? p.high - BigInt(perPartition) : p.low;
      while (from < p.high) {
        const { records: raw, next } = await reader.read(p.partition, from, 1024 * 1024);
        for (const r of raw) {
          if (BigInt(r.offset) >= p.high) break;
          const size = (r.key?.length ?? 0) + (r.value?.length ?? 0);
          bytes += size;
          const decoded = decoder.decodeNow(r.value, `${topic.name}-value`) ?? (await decoder.decode(r.value, `${topic.name}-value`));
          records.push({
            partition: p.partition,
            offset: r.offset,
            timestamp: r.timestamp,
            size,
            hasKey: !!r.key?.length,
            ...valueOf(decoded),
          });
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

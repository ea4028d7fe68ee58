// Partition offsets (low, high, last stable) for many topics at once, through kafkajs's internal cluster
// (internal-cluster.ts).
import type { Admin, Kafka } from "kafkajs";
import { chunks, mapLimit } from "./batch";
import { createInternalCluster } from "./internal-cluster";

export interface PartitionOffsets {
  partition: number;
  low: string;
  high: string;
  stable: string;
}

// kafkajs's public admin API lists offsets one topic at a time (two requests per topic): minutes for a
// 10,000-topic cluster. Its internal cluster object batches any number of topics into one ListOffsets
// request per broker. kafkajs 2.2.4 is pinned and frozen, so reaching it by its symbol is stable; if
// the internals ever differ, we fall back to the public per-topic call.
interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  fetchTopicsOffset(
    topics: { topic: string; fromBeginning: boolean; partitions: { partition: number }[] }[],
  ): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
}

// isolationLevel 0 (READ_UNCOMMITTED) answers the log-end offset, as kafka-topics and
// kafka-consumer-groups show it; 1 (READ_COMMITTED) answers the last stable offset.
const internalCluster = (kafka: Kafka, isolationLevel: 0 | 1) => createInternalCluster<InternalCluster>(kafka, isolationLevel);

export async function batchedOffsets(
  kafka: Kafka,
  topics: { name: string; partitions: number[] }[],
): Promise<Map<string, PartitionOffsets[]> | null> {
  const cluster = internalCluster(kafka, 0);
  const committed = internalCluster(kafka, 1);
  if (!cluster || !committed || typeof cluster.fetchTopicsOffset !== "function") return null;
  await Promise.all([cluster.connect(), committed.connect()]);
  try {
    const names = topics.map((t) => t.name);
    await Promise.all([cluster.addMultipleTargetTopics(names), committed.addMultipleTargetTopics(names)]);
    const out = new Map<string, PartitionOffsets[]>();
    for (const batch of chunks(
      topics.filter((t) => t.partitions.length > 0),
      1_000,
    )) {
      const request = (fromBeginning: boolean) =>
        batch.map((t) => ({ topic: t.name, fromBeginning, partitions: t.partitions.map((partition) => ({ partition })) }));
      const [high, low, stable] = await Promise.all([
        cluster.fetchTopicsOffset(request(false)),
        cluster.fetchTopicsOffset(request(true)),
        committed.fetchTopicsOffset(request(false)),
      ]);
      const byTopic = (rows: typeof low) => new Map(rows.map((t) => [t.topic, new Map(t.partitions.map((p) => [p.partition, p.offset]))]));
      const lows = byTopic(low);
      const stables = byTopic(stable);
      for (const t of high) {
        out.set(
          t.topic,
          t.partitions.map((p) => ({
            partition: p.partition,
            high: p.offset,
            low: lows.get(t.topic)?.get(p.partition) ?? "0",
            stable: stables.get(t.topic)?.get(p.partition) ?? p.offset,
          })),
        );
      }
    }
    return out;
  } finally {
    await Promise.all([cluster.disconnect().catch(() => undefined), committed.disconnect().catch(() => undefined)]);
  }
}

/** The public API's way: two requests per topic, 16 topics at a time. */
export async function perTopicOffsets(admin: Admin, names: string[]): Promise<Map<string, PartitionOffsets[]>> {
  const offsets = await mapLimit(names, 16, async (name) => {
    try {
      return [name, await admin.fetchTopicOffsets(name)] as const;
    } catch {
      return [name, []] as const; // deleted between list and fetch, or leader moving: the next sync catches up
    }
  });
  // This fallback asks for one offset per partition; it does not tell the stable offset apart.
  return new Map(offsets.map(([n, o]) => [n, o.map((p) => ({ partition: p.partition, low: p.low, high: p.high, stable: p.high }))]));
}

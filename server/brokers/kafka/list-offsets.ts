// Partition offsets (low, high, last stable) for many topics at once, through kafkajs's internal cluster
// (internal-cluster.ts).
import type { Admin, Kafka } from "kafkajs";
import { appendTo } from "@/server/lib/append-to";
import { mapLimit } from "./batch";
import { createInternalCluster } from "./internal-cluster";

export interface PartitionOffsets {
  partition: number;
  low: string;
  high: string;
  stable: string;
}

// kafkajs's public admin API lists offsets one topic at a time (two requests per topic): minutes for a
// 10,000-topic cluster. Its internal cluster reaches each broker, and a broker answers ListOffsets for
// any number of partitions it leads. (The cluster's own batching, fetchTopicsOffset, searches its
// metadata and merges its answers topic by topic in ways that grow with the square of the topics: 59 s
// for 100,000 partitions of 10,000 topics on 7 brokers.) kafkajs 2.2.4 is pinned and frozen, so
// reaching it by its symbol is stable; if the internals ever differ, we fall back to the public
// per-topic call.
interface InternalBroker {
  listOffsets(request: {
    isolationLevel: number;
    topics: { topic: string; partitions: { partition: number; timestamp: number }[] }[];
  }): Promise<{ responses: { topic: string; partitions: { partition: number; offset: string }[] }[] }>;
}
interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  findBroker(request: { nodeId: string }): Promise<InternalBroker>;
}

// ListOffsets' timestamps for the log end and the log start; isolation level 0 (READ_UNCOMMITTED)
// answers the log-end offset, as kafka-topics and kafka-consumer-groups show it, 1 (READ_COMMITTED)
// the last stable offset.
const LATEST = -1;
const EARLIEST = -2;
const READ_UNCOMMITTED = 0;
const READ_COMMITTED = 1;
/** Partitions per request: a broker's answer stays a few hundred kilobytes. */
const PARTITIONS_PER_REQUEST = 5_000;

export type LedPartitions = { name: string; partitions: { partition: number; leader: number }[] };

type OffsetsRequest = { topic: string; partitions: number[] }[];

/** Per leader, its partitions in requests of at most `limit` (whole topics: one larger topic is one request). */
export function requestsPerLeader(topics: LedPartitions[], limit = PARTITIONS_PER_REQUEST): Map<number, OffsetsRequest[]> {
  const byLeader = new Map<number, Map<string, number[]>>();
  for (const t of topics) {
    for (const p of t.partitions) {
      let led = byLeader.get(p.leader);
      if (!led) byLeader.set(p.leader, (led = new Map()));
      appendTo(led, t.name, p.partition);
    }
  }
  const out = new Map<number, OffsetsRequest[]>();
  for (const [leader, led] of byLeader) {
    let current: OffsetsRequest = [];
    let size = 0;
    for (const [topic, partitions] of led) {
      if (size > 0 && size + partitions.length > limit) {
        appendTo(out, leader, current);
        current = [];
        size = 0;
      }
      current.push({ topic, partitions });
      size += partitions.length;
    }
    if (current.length) appendTo(out, leader, current);
  }
  return out;
}

/**
 * Low, high and last stable offsets of every partition with a leader. Null when kafkajs's internals are
 * not there; throws when a broker still refuses after one retry (the caller falls back to
 * perTopicOffsets). `freshLeaders` re-reads who leads the topics of a refused request: a broker that
 * restarted or was replaced moves its partitions, and the metadata the caller read may predate that.
 */
export async function batchedOffsets(
  kafka: Kafka,
  topics: LedPartitions[],
  freshLeaders?: (names: string[]) => Promise<LedPartitions[]>,
): Promise<Map<string, PartitionOffsets[]> | null> {
  const cluster = createInternalCluster<InternalCluster>(kafka, READ_UNCOMMITTED);
  if (!cluster || typeof cluster.findBroker !== "function" || typeof cluster.refreshMetadata !== "function") return null;
  await cluster.connect();
  try {
    // With no topic asked for, this reads the brokers' addresses only.
    await cluster.refreshMetadata();
    const found = new Map<string, Map<number, PartitionOffsets>>();
    const entry = (topic: string, partition: number) => {
      let byPartition = found.get(topic);
      if (!byPartition) found.set(topic, (byPartition = new Map()));
      let o = byPartition.get(partition);
      if (!o) byPartition.set(partition, (o = { partition, low: "0", high: "0", stable: "" }));
      return o;
    };
    const asks = [
      { isolationLevel: READ_UNCOMMITTED, timestamp: LATEST, field: "high" },
      { isolationLevel: READ_UNCOMMITTED, timestamp: EARLIEST, field: "low" },
      { isolationLevel: READ_COMMITTED, timestamp: LATEST, field: "stable" },
    ] as const;
    /** Asks every leader, one request at a time per broker, all brokers at once; returns the topics of
     *  the requests that were refused (a broker answers for a whole request or refuses all of it). */
    const askLeaders = async (led: LedPartitions[]) => {
      const refused: string[] = [];
      await Promise.all(
        [...requestsPerLeader(led)].map(async ([leader, requests]) => {
          const broker = await cluster.findBroker({ nodeId: String(leader) }).catch(() => null);
          for (const request of requests) {
            try {
              if (!broker) throw new Error(`broker ${leader} is not in the cluster's metadata`);
              for (const ask of asks) {
                const { responses } = await broker.listOffsets({
                  isolationLevel: ask.isolationLevel,
                  topics: request.map((t) => ({
                    topic: t.topic,
                    partitions: t.partitions.map((partition) => ({ partition, timestamp: ask.timestamp })),
                  })),
                });
                for (const t of responses) for (const p of t.partitions) entry(t.topic, p.partition)[ask.field] = String(p.offset);
              }
            } catch (e) {
              if (!freshLeaders) throw e;
              refused.push(...request.map((t) => t.topic));
            }
          }
        }),
      );
      return refused;
    };
    const refused = await askLeaders(topics);
    if (refused.length > 0) {
      await cluster.refreshMetadata();
      const again = await askLeaders(await freshLeaders!([...new Set(refused)]));
      if (again.length > 0) throw new Error(`offsets of ${again.length} topics refused twice (leaders moving)`);
    }
    const out = new Map<string, PartitionOffsets[]>();
    for (const [topic, byPartition] of found) {
      out.set(
        topic,
        [...byPartition.values()].map((o) => ({ ...o, stable: o.stable || o.high })),
      );
    }
    return out;
  } finally {
    await cluster.disconnect().catch(() => undefined);
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

// Reading a topic by position without a consumer group, for the message browser. kafkajs reads only
// through a group (a join costs group.initial.rebalance.delay.ms, 3 s by default, per read), while a
// browser pages, seeks and scans many times a minute. Like list-offsets.ts, this reaches kafkajs's
// internal cluster (pinned 2.2.4) and sends Fetch requests to each partition's leader itself, then
// filters the answer the way kafkajs's own consumer does (its Batch class: records before the asked
// offset, control records and aborted transactions dropped).
import type { Kafka } from "kafkajs";
// kafkajs's own batch filter (its CommonJS default export), so a browser sees what a kafkajs consumer would.
import Batch from "kafkajs/src/consumer/batch.js";
import type { PositionReader, RawRecord } from "../types";
import { createKafka, withAdmin } from "./client";
import { createInternalCluster } from "./internal-cluster";
import type { ClusterConnection } from "./types";

interface InternalBroker {
  fetch(req: {
    isolationLevel: number;
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    topics: { topic: string; partitions: { partition: number; fetchOffset: string; maxBytes: number }[] }[];
  }): Promise<{ responses: { topicName: string; partitions: FetchedPartition[] }[] }>;
}
interface FetchedPartition {
  partition: number;
  errorCode: number;
  highWatermark: string;
}
interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addTargetTopic(topic: string): Promise<void>;
  refreshMetadata(): Promise<void>;
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(b: { nodeId: string }): Promise<InternalBroker>;
}
interface KafkaBatch {
  messages: {
    offset: string;
    timestamp: string;
    key: Buffer | null;
    value: Buffer | null;
    headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
  }[];
  isEmptyIncludingFiltered(): boolean;
  lastOffset(): string;
}
type BatchCtor = new (topic: string, fetchedOffset: string, data: FetchedPartition) => KafkaBatch;

// READ_COMMITTED: what a transactional consumer sees (aborted records stay hidden).
const READ_COMMITTED = 1;

function internalCluster(kafka: Kafka): InternalCluster {
  const cluster = createInternalCluster<InternalCluster>(kafka, READ_COMMITTED);
  if (!cluster) throw new Error("this kafkajs build has no internal cluster: the message browser needs kafkajs 2.2.4");
  return cluster;
}

export function toRawRecord(topic: string, partition: number, m: KafkaBatch["messages"][number]): RawRecord {
  const headers: Record<string, Buffer[]> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) {
    const list = (Array.isArray(v) ? v : [v]).filter((x): x is Buffer | string => x !== undefined);
    headers[k] = list.map((x) => (Buffer.isBuffer(x) ? x : Buffer.from(x)));
  }
  return { topic, partition, offset: m.offset, timestamp: m.timestamp, key: m.key, value: m.value, headers };
}

/** A reader of one topic by partition and offset; close it when done. */
export async function openKafkaReader(conn: ClusterConnection, topic: string): Promise<PositionReader> {
  const kafka = createKafka(conn);
  const cluster = internalCluster(kafka);
  await cluster.connect();
  await cluster.addTargetTopic(topic);
  const BatchClass = Batch as unknown as BatchCtor;
  return {
    async partitions() {
      const offsets = await withAdmin(conn, (admin) => admin.fetchTopicOffsets(topic));
      return offsets
        .map((o) => ({ partition: o.partition, low: BigInt(o.low), high: BigInt(o.high) }))
        .sort((a, b) => a.partition - b.partition);
    },
    async offsetForTime(partition, at) {
      const found = await withAdmin(conn, (admin) => admin.fetchTopicOffsetsByTimestamp(topic, at));
      const p = found.find((o) => o.partition === partition);
      return BigInt(p?.offset ?? "0");
    },
    async read(partition, from, maxBytes) {
      const leaders = cluster.findLeaderForPartitions(topic, [partition]);
      const nodeId = Object.keys(leaders)[0];
      if (nodeId === undefined) {
        await cluster.refreshMetadata();
        throw new Error(`partition ${partition} of ${topic} has no leader right now`);
      }
      const broker = await cluster.findBroker({ nodeId });
      const { responses } = await broker.fetch({
        isolationLevel: READ_COMMITTED,
        // Answer at once with what is there: a browser never waits for new records here.
        maxWaitTime: 0,
        minBytes: 1,
        maxBytes,
        topics: [{ topic, partitions: [{ partition, fetchOffset: from.toString(), maxBytes }] }],
      });
      const data = responses[0]?.partitions.find((p) => p.partition === partition);
      if (!data) return { records: [], next: from };
      const batch = new BatchClass(topic, from.toString(), data);
      const records = batch.messages.map((m) => toRawRecord(topic, partition, m));
      // Past the records returned (and past compacted gaps, control records and aborted ones).
      const next = batch.isEmptyIncludingFiltered() ? from : BigInt(batch.lastOffset()) + 1n;
      return { records, next };
    },
    async close() {
      await cluster.disconnect().catch(() => undefined);
    },
  };
}

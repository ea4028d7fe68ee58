// Reading records for people: one record by offset, or the newest records of every partition.
import type { Kafka } from "kafkajs";
import { createKafka, withAdmin } from "./client";
import { toRawRecord } from "./fetch-range";
import type { RawRecord, ReadRecordResult } from "../types";
import type { ClusterConnection } from "./types";

// The throw-away groups of these reads live for a second; they are Eventplane's, not the user's.
export const PEEK_GROUP_PREFIX = "eventplane-peek-";

/**
 * Records of one topic by offset range, through a throw-away consumer group (kafkajs can only fetch
 * through a group; it never commits and is deleted afterwards). Each range is read from `from` until
 * `to` (exclusive), or only its first record with `firstOnly`. Stops at `timeoutMs` with what it has.
 */
async function peek(
  kafka: Kafka,
  topic: string,
  ranges: { partition: number; from: bigint; to: bigint }[],
  opts: { timeoutMs: number; firstOnly?: boolean },
): Promise<RawRecord[]> {
  const groupId = `${PEEK_GROUP_PREFIX}${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const pending = new Map(ranges.filter((r) => r.to > r.from).map((r) => [r.partition, r]));
  const out: RawRecord[] = [];
  if (!pending.size) return out;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250, allowAutoTopicCreation: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: false });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, opts.timeoutMs);
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const range = pending.get(batch.partition);
            if (!range) return;
            for (const m of batch.messages) {
              const o = BigInt(m.offset);
              if (o < range.from || o >= range.to) continue;
              out.push(toRawRecord(topic, batch.partition, m));
              if (opts.firstOnly) break;
            }
            // Compacted logs skip offsets: a range is done once the batch has passed its last offset.
            if (opts.firstOnly ? out.some((r) => r.partition === batch.partition) : BigInt(batch.lastOffset()) >= range.to - 1n)
              pending.delete(batch.partition);
            if (!pending.size) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
      // Seek on every group join, not once after run(): a consumer that crashes while joining (a
      // coordinator still loading, say) restarts by itself, and would then start from the log end.
      consumer.on(consumer.events.GROUP_JOIN, () => {
        for (const r of pending.values()) consumer.seek({ topic, partition: r.partition, offset: r.from.toString() });
      });
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await deleteGroup(kafka, groupId);
  }
  return out;
}

async function deleteGroup(kafka: Kafka, groupId: string) {
  const admin = kafka.admin();
  await admin.connect().catch(() => undefined);
  await admin.deleteGroups([groupId]).catch(() => undefined);
  await admin.disconnect().catch(() => undefined);
}

/**
 * One record by topic/partition/offset, for "open the record" links. An offset outside the log
 * (before its start: retention; at or past its end) is answered from the partition's offsets
 * without fetching. Compacted logs may skip the offset: the next record after it is what is there.
 */
export async function readRecord(
  conn: ClusterConnection,
  topic: string,
  partition: number,
  offset: string,
  timeoutMs = 20_000,
): Promise<ReadRecordResult> {
  const kafka = createKafka(conn);
  const p = await withAdmin(conn, async (admin) => (await admin.fetchTopicOffsets(topic)).find((o) => o.partition === partition));
  if (!p || BigInt(offset) < BigInt(p.low) || BigInt(offset) >= BigInt(p.high))
    return { status: "out-of-range", low: p?.low ?? "0", high: p?.high ?? "0" };
  const [record] = await peek(kafka, topic, [{ partition, from: BigInt(offset), to: BigInt(p.high) }], { timeoutMs, firstOnly: true });
  return record ? { status: "ok", record } : { status: "timeout" };
}

/** The newest `perPartition` records of every partition of a topic (a dead-letter queue's recent failures). */
export async function readTail(conn: ClusterConnection, topic: string, perPartition: number, timeoutMs = 20_000): Promise<RawRecord[]> {
  const offsets = await withAdmin(conn, (admin) => admin.fetchTopicOffsets(topic));
  const ranges = offsets.map((o) => {
    const high = BigInt(o.high);
    const low = BigInt(o.low);
    const from = high - BigInt(perPartition) > low ? high - BigInt(perPartition) : low;
    return { partition: o.partition, from, to: high };
  });
  return peek(createKafka(conn), topic, ranges, { timeoutMs });
}

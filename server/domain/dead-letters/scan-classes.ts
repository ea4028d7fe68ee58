// The worker's look at every dead-letter queue: which exception classes its newest records carry,
// so a rule can fire when a class appears that the queue has not held before. A queue is read again
// only when its end offsets moved; the first scan of a queue records its classes as the baseline.
import { db } from "@/server/db";
import { clusterConnection, listClusterRefs } from "@/server/domain/connections";
import { listTopicRefs } from "@/server/domain/topics";
import { NO_EXCEPTION_HEADER, normalizeDeadLetterHeaders } from "./normalize-headers";
import { DLQ_TAIL_PER_PARTITION } from "./read-dead-letters";

export type ScanResult = { scanned: number; newClasses: { topic: string; exceptionClass: string }[]; errors: string[] };

/** Every dead-letter queue of every reachable cluster, or only `topicIds`. */
export async function scanDeadLetterClasses(opts: { now?: Date; topicIds?: string[] } = {}): Promise<ScanResult> {
  const now = opts.now ?? new Date();
  const reachable = new Map((await listClusterRefs()).filter((c) => c.status === "OK").map((c) => [c.id, c.name]));
  const topics = await listTopicRefs({ deadLetter: true, clusterIds: [...reachable.keys()], ids: opts.topicIds });
  const scans = new Map(
    (await db.deadLetterScan.findMany({ where: { topicId: { in: topics.map((t) => t.id) } } })).map((s) => [s.topicId, s]),
  );
  const result: ScanResult = { scanned: 0, newClasses: [], errors: [] };
  for (const topic of topics) {
    const previous = scans.get(topic.id);
    if (previous && previous.endOffsetSum === topic.endOffsetSum) continue;
    let records;
    try {
      const { broker } = await clusterConnection(topic.clusterId);
      records = await broker.readTail(topic, DLQ_TAIL_PER_PARTITION);
    } catch (error) {
      // The next pass tries again: the scan row is not advanced.
      result.errors.push(`${reachable.get(topic.clusterId)}/${topic.name}: ${(error as Error).message}`);
      continue;
    }
    result.scanned++;
    const seen = new Map<string, { partition: number; offset: bigint; example: string | null }>();
    for (const r of records) {
      const info = normalizeDeadLetterHeaders(r.headers);
      const key = info.exceptionClass ?? NO_EXCEPTION_HEADER;
      const at = seen.get(key);
      if (!at || BigInt(r.offset) < at.offset)
        seen.set(key, { partition: r.partition, offset: BigInt(r.offset), example: info.exceptionMessage });
    }
    await db.$transaction(async (tx) => {
      const known = new Set(
        (await tx.deadLetterClass.findMany({ where: { topicId: topic.id }, select: { exceptionClass: true } })).map(
          (c) => c.exceptionClass,
        ),
      );
      for (const [exceptionClass, at] of seen) {
        if (known.has(exceptionClass)) continue;
        await tx.deadLetterClass.create({
          data: { topicId: topic.id, exceptionClass, firstSeenAt: now, lastSeenAt: now, ...at, baseline: !previous },
        });
        if (previous) result.newClasses.push({ topic: topic.name, exceptionClass });
      }
      await tx.deadLetterClass.updateMany({
        where: { topicId: topic.id, exceptionClass: { in: [...seen.keys()] } },
        data: { lastSeenAt: now },
      });
      await tx.deadLetterScan.upsert({
        where: { topicId: topic.id },
        create: { topicId: topic.id, scannedAt: now, endOffsetSum: topic.endOffsetSum },
        update: { scannedAt: now, endOffsetSum: topic.endOffsetSum },
      });
    });
  }
  return result;
}

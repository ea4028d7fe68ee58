// Persists (log-end offset, time) per consumed partition; the input of time lag. Insert rules follow
// kafka-lag-exporter: a flat stretch keeps only its first and last point (the last one moves forward),
// and an end offset that went backwards (topic recreated) drops the samples it contradicts.
import { db, SNAPSHOT_TRANSACTION } from "@/server/db";

export interface EndOffset {
  topic: string;
  partition: number;
  endOffset: bigint;
}

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));

export async function recordEndSamples(clusterId: string, observedAt: Date, ends: EndOffset[]): Promise<void> {
  if (ends.length === 0) return;
  const rows = json(ends);
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      DELETE FROM "PartitionEndSample" s
      USING jsonb_to_recordset(${rows}::jsonb) AS x(topic text, partition int, "endOffset" text)
      WHERE s."clusterId" = ${clusterId} AND s.topic = x.topic AND s.partition = x.partition AND s."endOffset" > x."endOffset"::bigint`;
    // Flat: the newest point already has this offset and so does an earlier one → move the newest.
    await tx.$executeRaw`
      UPDATE "PartitionEndSample" s SET "observedAt" = ${observedAt}
      FROM jsonb_to_recordset(${rows}::jsonb) AS x(topic text, partition int, "endOffset" text)
      WHERE s."clusterId" = ${clusterId} AND s.topic = x.topic AND s.partition = x.partition
        AND s."endOffset" = x."endOffset"::bigint AND s."observedAt" < ${observedAt}
        AND s."observedAt" = (SELECT max(m."observedAt") FROM "PartitionEndSample" m
                              WHERE m."clusterId" = ${clusterId} AND m.topic = x.topic AND m.partition = x.partition)
        AND EXISTS (SELECT 1 FROM "PartitionEndSample" p
                    WHERE p."clusterId" = ${clusterId} AND p.topic = x.topic AND p.partition = x.partition
                      AND p."observedAt" < s."observedAt" AND p."endOffset" = x."endOffset"::bigint)`;
    await tx.$executeRaw`
      INSERT INTO "PartitionEndSample" ("clusterId", topic, partition, "observedAt", "endOffset")
      SELECT ${clusterId}, x.topic, x.partition, ${observedAt}, x."endOffset"::bigint
      FROM jsonb_to_recordset(${rows}::jsonb) AS x(topic text, partition int, "endOffset" text)
      WHERE NOT EXISTS (SELECT 1 FROM "PartitionEndSample" s
                        WHERE s."clusterId" = ${clusterId} AND s.topic = x.topic AND s.partition = x.partition AND s."observedAt" >= ${observedAt})
      ON CONFLICT DO NOTHING`;
  }, SNAPSHOT_TRANSACTION);
}

/** Retention: samples older than `before` go (the worker calls this periodically). */
export async function pruneEndSamples(before: Date): Promise<number> {
  return db.$executeRaw`DELETE FROM "PartitionEndSample" WHERE "observedAt" < ${before}`;
}

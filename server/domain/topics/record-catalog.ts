// Writes one snapshot of a cluster as the collector read it. Keyed by (cluster, topic name) and
// (topic, partition), so replaying a snapshot changes nothing; set-based SQL keeps a 10,000-topic
// cluster to a handful of statements. Declared metadata (owner, description, tags) is never touched.
import { db, SNAPSHOT_TRANSACTION } from "@/server/db";
import type { TopicInfo } from "@/server/brokers/kafka";

export interface CatalogRecord {
  clusterId: string;
  observedAt: Date;
  /** each topic as read, and whether it is a dead-letter queue by name (the dead-letters context decides) */
  topics: (TopicInfo & { deadLetter: boolean })[];
}

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));

export async function recordCatalog(rec: CatalogRecord): Promise<void> {
  const { clusterId, observedAt } = rec;
  const topics = rec.topics.map((t) => ({
    name: t.name,
    internal: t.internal,
    deadLetter: t.deadLetter,
    partitionCount: t.partitions.length,
    replicationFactor: Math.max(0, ...t.partitions.map((p) => p.replicas.length)),
    endSum: t.partitions.reduce((s, p) => s + p.endOffset, 0n),
    messageCount: t.partitions.reduce((s, p) => s + (p.endOffset - p.startOffset), 0n),
  }));
  const partitions = rec.topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, ...p })));
  const configs = rec.topics.filter((t) => t.configs).map((t) => ({ name: t.name, configs: t.configs }));
  const names = rec.topics.map((t) => t.name);

  await db.$transaction(async (tx) => {
    // Rate = growth of the summed log-end offsets since the previous sample. A shrinking sum means
    // the topic was recreated: no rate until the next sample.
    await tx.$executeRaw`
        INSERT INTO "Topic" (id, "clusterId", name, internal, "deadLetter", "partitionCount", "replicationFactor", "endOffsetSum", "messageCount", "rateSampledAt", "lastSeenAt", "firstSeenAt")
        SELECT gen_random_uuid()::text, ${clusterId}, x.name, x.internal, x."deadLetter", x."partitionCount", x."replicationFactor", x."endSum"::bigint, x."messageCount"::bigint, ${observedAt}, ${observedAt}, ${observedAt}
        FROM jsonb_to_recordset(${json(topics)}::jsonb) AS x(name text, internal boolean, "deadLetter" boolean, "partitionCount" int, "replicationFactor" int, "endSum" text, "messageCount" text)
        ON CONFLICT ("clusterId", namespace, name) DO UPDATE SET
          internal = EXCLUDED.internal,
          "deadLetter" = EXCLUDED."deadLetter" OR "Topic"."deadLetterByHeaders",
          "partitionCount" = EXCLUDED."partitionCount",
          "replicationFactor" = EXCLUDED."replicationFactor",
          "messagesPerSec" = CASE
            WHEN "Topic"."rateSampledAt" IS NULL OR EXCLUDED."rateSampledAt" <= "Topic"."rateSampledAt" THEN "Topic"."messagesPerSec"
            WHEN EXCLUDED."endOffsetSum" < "Topic"."endOffsetSum" OR "Topic"."deletedAt" IS NOT NULL THEN NULL
            ELSE (EXCLUDED."endOffsetSum" - "Topic"."endOffsetSum")::float8
                 / EXTRACT(EPOCH FROM (EXCLUDED."rateSampledAt" - "Topic"."rateSampledAt"))
          END,
          "rateSampledAt" = GREATEST(EXCLUDED."rateSampledAt", "Topic"."rateSampledAt"),
          "endOffsetSum" = EXCLUDED."endOffsetSum",
          "messageCount" = EXCLUDED."messageCount",
          "lastSeenAt" = EXCLUDED."lastSeenAt",
          "deletedAt" = NULL`;

    // Deleted on the broker: kept and marked, so owners, descriptions and history stay readable.
    await tx.$executeRaw`
        UPDATE "Topic" SET "deletedAt" = ${observedAt}
        WHERE "clusterId" = ${clusterId} AND "deletedAt" IS NULL AND NOT (name = ANY(${names}::text[]))`;

    await tx.$executeRaw`
        INSERT INTO "TopicPartition" ("topicId", partition, leader, replicas, isr, "offlineReplicas", "startOffset", "endOffset", "stableOffset")
        SELECT t.id, x.partition, x.leader,
               ARRAY(SELECT jsonb_array_elements_text(x.replicas)::int),
               ARRAY(SELECT jsonb_array_elements_text(x.isr)::int),
               ARRAY(SELECT jsonb_array_elements_text(x."offlineReplicas")::int),
               x."startOffset"::bigint, x."endOffset"::bigint, x."stableOffset"::bigint
        FROM jsonb_to_recordset(${json(partitions)}::jsonb) AS x(topic text, partition int, leader int, replicas jsonb, isr jsonb, "offlineReplicas" jsonb, "startOffset" text, "endOffset" text, "stableOffset" text)
        JOIN "Topic" t ON t."clusterId" = ${clusterId} AND t.name = x.topic
        ON CONFLICT ("topicId", partition) DO UPDATE SET
          leader = EXCLUDED.leader, replicas = EXCLUDED.replicas, isr = EXCLUDED.isr,
          "offlineReplicas" = EXCLUDED."offlineReplicas", "startOffset" = EXCLUDED."startOffset", "endOffset" = EXCLUDED."endOffset",
          "stableOffset" = EXCLUDED."stableOffset"`;
    await tx.$executeRaw`
        DELETE FROM "TopicPartition" p USING "Topic" t
        WHERE p."topicId" = t.id AND t."clusterId" = ${clusterId} AND t."deletedAt" IS NULL AND p.partition >= t."partitionCount"`;

    if (configs.length > 0) {
      await tx.$executeRaw`
          UPDATE "Topic" t SET configs = x.configs
          FROM jsonb_to_recordset(${json(configs)}::jsonb) AS x(name text, configs jsonb)
          WHERE t."clusterId" = ${clusterId} AND t.name = x.name`;
    }
  }, SNAPSHOT_TRANSACTION);
}

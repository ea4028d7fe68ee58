// Writes one snapshot of a cluster as the collector read it. Keyed by (cluster, topic name) and
// (topic, partition), so replaying a snapshot changes nothing; set-based SQL keeps a 10,000-topic
// cluster to a handful of statements. Declared metadata (owner, description, tags) is never touched.
import { env } from "@/env";
import { db } from "@/server/db";
import { dlqMatcher } from "./dead-letter-names";
import type { BrokerInfo, TopicInfo } from "@/server/kafka";

export interface CatalogRecord {
  clusterId: string;
  observedAt: Date;
  controllerId: number | null;
  brokers: BrokerInfo[];
  topics: TopicInfo[];
  elapsedMs: number;
  /** Part of the cluster could not be read (shown with the status; the rest was recorded). */
  warning?: string | null;
}

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));

export async function recordCatalog(rec: CatalogRecord): Promise<void> {
  const { clusterId, observedAt } = rec;
  const isDeadLetter = dlqMatcher(env.DLQ_NAME_PATTERNS?.split(","));
  const topics = rec.topics.map((t) => ({
    name: t.name,
    internal: t.internal,
    deadLetter: !t.internal && isDeadLetter(t.name),
    partitionCount: t.partitions.length,
    replicationFactor: Math.max(0, ...t.partitions.map((p) => p.replicas.length)),
    endSum: t.partitions.reduce((s, p) => s + p.endOffset, 0n),
    messageCount: t.partitions.reduce((s, p) => s + (p.endOffset - p.startOffset), 0n),
  }));
  const partitions = rec.topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, ...p })));
  const configs = rec.topics.filter((t) => t.configs).map((t) => ({ name: t.name, configs: t.configs }));
  const names = rec.topics.map((t) => t.name);

  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`
        INSERT INTO "Broker" ("clusterId", "nodeId", host, port, rack, "lastSeenAt")
        SELECT ${clusterId}, x."nodeId", x.host, x.port, x.rack, ${observedAt}
        FROM jsonb_to_recordset(${json(rec.brokers)}::jsonb) AS x("nodeId" int, host text, port int, rack text)
        ON CONFLICT ("clusterId", "nodeId") DO UPDATE SET host = EXCLUDED.host, port = EXCLUDED.port, rack = EXCLUDED.rack, "lastSeenAt" = EXCLUDED."lastSeenAt"`;
      await tx.$executeRaw`DELETE FROM "Broker" WHERE "clusterId" = ${clusterId} AND "lastSeenAt" < ${observedAt}`;

      // Rate = growth of the summed log-end offsets since the previous sample. A shrinking sum means
      // the topic was recreated: no rate until the next sample.
      await tx.$executeRaw`
        INSERT INTO "Topic" (id, "clusterId", name, internal, "deadLetter", "partitionCount", "replicationFactor", "endOffsetSum", "messageCount", "rateSampledAt", "lastSeenAt", "firstSeenAt")
        SELECT gen_random_uuid()::text, ${clusterId}, x.name, x.internal, x."deadLetter", x."partitionCount", x."replicationFactor", x."endSum"::bigint, x."messageCount"::bigint, ${observedAt}, ${observedAt}, ${observedAt}
        FROM jsonb_to_recordset(${json(topics)}::jsonb) AS x(name text, internal boolean, "deadLetter" boolean, "partitionCount" int, "replicationFactor" int, "endSum" text, "messageCount" text)
        ON CONFLICT ("clusterId", name) DO UPDATE SET
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

      await tx.cluster.update({
        where: { id: clusterId },
        data: {
          status: "OK",
          lastError: rec.warning ?? null,
          unreachableSince: null,
          lastSyncAt: observedAt,
          lastSyncMs: Math.round(rec.elapsedMs),
          controllerId: rec.controllerId,
        },
      });
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/** Keeps the first moment it became unreachable, so "since" means since, not "last failed at". */
export async function markClusterUnreachable(clusterId: string, error: string, at: Date): Promise<void> {
  await db.$executeRaw`
    UPDATE "Cluster" SET status = 'UNREACHABLE', "lastError" = ${error.slice(0, 2_000)},
      "unreachableSince" = COALESCE("unreachableSince", ${at}), "updatedAt" = now()
    WHERE id = ${clusterId}`;
}

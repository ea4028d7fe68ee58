// Writes the destinations of a broker that is not Kafka (RabbitMQ queues and exchanges, JetStream
// streams): one Topic row each, keyed by (connection, namespace, name), so a replay changes nothing.
// Partitions are Kafka's; these rows carry the broker's own figures in `details`.
import { db, SNAPSHOT_TRANSACTION } from "@/server/db";

export interface Destination {
  kind: "queue" | "exchange" | "stream";
  /** RabbitMQ's vhost; "" elsewhere */
  namespace: string;
  name: string;
  internal: boolean;
  deadLetter: boolean;
  /** messages held now (RabbitMQ ready + unacked; a stream's messages) */
  messageCount: number;
  /** the broker's incoming rate, messages a second; null: derived from `counter` between syncs */
  messagesPerSec: number | null;
  /** a monotonic count of messages ever written (a stream's last sequence), for brokers that give no rate */
  counter?: number;
  details: Record<string, unknown>;
}

export async function recordDestinations(rec: { clusterId: string; observedAt: Date; destinations: Destination[] }): Promise<void> {
  const { clusterId, observedAt } = rec;
  const rows = rec.destinations.map((d) => ({
    ...d,
    messageCount: String(d.messageCount),
    counter: d.counter === undefined ? null : String(d.counter),
  }));
  const keys = rec.destinations.map((d) => `${d.namespace}\u001f${d.name}`);
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
        INSERT INTO "Topic" (id, "clusterId", kind, namespace, name, internal, "deadLetter", "partitionCount", "replicationFactor", "messageCount", "messagesPerSec", "endOffsetSum", "rateSampledAt", "lastSeenAt", "firstSeenAt", details)
        SELECT gen_random_uuid()::text, ${clusterId}, x.kind, x.namespace, x.name, x.internal, x."deadLetter", 0, 0, x."messageCount"::bigint, x."messagesPerSec", coalesce(x.counter::bigint, 0), ${observedAt}, ${observedAt}, ${observedAt}, x.details
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(kind text, namespace text, name text, internal boolean, "deadLetter" boolean, "messageCount" text, "messagesPerSec" float8, counter text, details jsonb)
        ON CONFLICT ("clusterId", namespace, name) DO UPDATE SET
          kind = EXCLUDED.kind, internal = EXCLUDED.internal,
          "deadLetter" = EXCLUDED."deadLetter" OR "Topic"."deadLetterByHeaders",
          "messageCount" = EXCLUDED."messageCount",
          -- The broker's rate when it has one; else the counter's growth since the last sync (a
          -- shrinking counter means the stream was recreated: no rate until the next sync).
          "messagesPerSec" = CASE
            WHEN EXCLUDED."messagesPerSec" IS NOT NULL THEN EXCLUDED."messagesPerSec"
            WHEN "Topic"."rateSampledAt" IS NULL OR EXCLUDED."rateSampledAt" <= "Topic"."rateSampledAt"
              OR EXCLUDED."endOffsetSum" < "Topic"."endOffsetSum" OR "Topic"."endOffsetSum" = 0 THEN NULL
            ELSE (EXCLUDED."endOffsetSum" - "Topic"."endOffsetSum")::float8
                 / EXTRACT(EPOCH FROM (EXCLUDED."rateSampledAt" - "Topic"."rateSampledAt"))
          END,
          "endOffsetSum" = EXCLUDED."endOffsetSum",
          "rateSampledAt" = EXCLUDED."rateSampledAt", "lastSeenAt" = EXCLUDED."lastSeenAt", details = EXCLUDED.details, "deletedAt" = NULL`;
    // Gone from the broker: kept and marked, so owners, descriptions and history stay readable.
    await tx.$executeRaw`
        UPDATE "Topic" SET "deletedAt" = ${observedAt}
        WHERE "clusterId" = ${clusterId} AND "deletedAt" IS NULL AND NOT ((namespace || chr(31) || name) = ANY(${keys}::text[]))`;
  }, SNAPSHOT_TRANSACTION);
}

// Folds traffic into ObservedEdge rows, so an edge keeps its first/last seen after the spans that
// showed it are pruned: PRODUCER spans give service → topic, CONSUMER spans give topic → (group) →
// service, and committed offsets give topic → group. Spans are read by receivedAt behind a
// watermark; each pass stops SETTLE_MS short of now, because a span batch's receivedAt is its
// transaction's start and a slow batch may commit after a later one.
import { db } from "@/server/db";
import { SPAN_KIND } from "@/server/domain/traces";

const SETTLE_MS = 10_000;
const WATERMARK = "spans";

export type RefreshResult = { spans: number; edges: number };

export async function refreshObservedEdges(opts: { settleMs?: number } = {}): Promise<RefreshResult> {
  const until = new Date(Date.now() - (opts.settleMs ?? SETTLE_MS));
  return db.$transaction(async (tx) => {
    // One refresher at a time (two workers would count the same spans twice).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('eventplane:lineage'))`;
    const mark = await tx.lineageWatermark.findUnique({ where: { id: WATERMARK } });
    const since = mark?.receivedAt ?? new Date(0);
    const spanEdges = await tx.$queryRaw<{ spans: bigint; edges: bigint }[]>`
      WITH fresh AS (
        SELECT CASE WHEN kind = ${SPAN_KIND.PRODUCER} THEN 'PRODUCES' ELSE 'CONSUMES' END AS kind,
               service, "msgDestination" AS topic,
               CASE WHEN kind = ${SPAN_KIND.CONSUMER} THEN coalesce("msgGroup", '') ELSE '' END AS "groupId",
               "startNs"
        FROM "Span"
        WHERE "receivedAt" > ${since} AND "receivedAt" <= ${until}
          AND kind IN (${SPAN_KIND.PRODUCER}, ${SPAN_KIND.CONSUMER}) AND "msgDestination" IS NOT NULL
      ), grouped AS (
        SELECT kind, service, topic, "groupId",
               to_timestamp(min("startNs") / 1e9) AS first, to_timestamp(max("startNs") / 1e9) AS last, count(*) AS n
        FROM fresh GROUP BY kind, service, topic, "groupId"
      ), upserted AS (
        INSERT INTO "ObservedEdge" (kind, "clusterId", service, topic, "groupId", "firstSeenAt", "lastSeenAt", count)
        SELECT kind, '', service, topic, "groupId", first, last, n FROM grouped
        ON CONFLICT (kind, "clusterId", service, topic, "groupId") DO UPDATE SET
          "firstSeenAt" = least("ObservedEdge"."firstSeenAt", excluded."firstSeenAt"),
          "lastSeenAt" = greatest("ObservedEdge"."lastSeenAt", excluded."lastSeenAt"),
          count = "ObservedEdge".count + excluded.count
        RETURNING 1
      ), services AS (
        INSERT INTO "Service" (name) SELECT DISTINCT service FROM grouped ON CONFLICT DO NOTHING RETURNING 1
      )
      SELECT (SELECT coalesce(sum(n), 0) FROM grouped)::bigint AS spans, (SELECT count(*) FROM upserted)::bigint AS edges`;
    await tx.lineageWatermark.upsert({
      where: { id: WATERMARK },
      create: { id: WATERMARK, receivedAt: until },
      update: { receivedAt: until },
    });
    // Committed offsets: a group that commits for a topic reads it; lastSeen is the last commit seen.
    const reads = await tx.$executeRaw`
      INSERT INTO "ObservedEdge" (kind, "clusterId", service, topic, "groupId", "firstSeenAt", "lastSeenAt", count)
      SELECT 'READS', g."clusterId", '', o.topic, g."groupId", min(o."observedAt"), max(o."observedAt"), 0
      FROM "GroupOffset" o JOIN "ConsumerGroup" g ON g.id = o."consumerGroupId"
      WHERE g."deletedAt" IS NULL
      GROUP BY g."clusterId", o.topic, g."groupId"
      ON CONFLICT (kind, "clusterId", service, topic, "groupId") DO UPDATE SET
        "lastSeenAt" = greatest("ObservedEdge"."lastSeenAt", excluded."lastSeenAt")`;
    return { spans: Number(spanEdges[0]?.spans ?? 0), edges: Number(spanEdges[0]?.edges ?? 0) + reads };
  });
}

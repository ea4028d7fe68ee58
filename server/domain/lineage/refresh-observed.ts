// Folds traffic into ObservedEdge rows, so an edge keeps its first/last seen after the spans that
// showed it are pruned: PRODUCER spans give service → topic, CONSUMER spans give topic → (group) →
// service, and committed offsets give topic → group. Spans are read by receivedAt behind a
// watermark; each pass stops SETTLE_MS short of now, because a span batch's receivedAt is its
// transaction's start and a slow batch may commit after a later one.
import { db } from "@/server/db";
import { committedReads } from "@/server/domain/consumers";
import { messagingFlowsReceived } from "@/server/domain/traces";

const SETTLE_MS = 10_000;
const WATERMARK = "spans";

export type RefreshResult = { spans: number; edges: number };

const json = (v: unknown) => JSON.stringify(v);

export async function refreshObservedEdges(opts: { settleMs?: number } = {}): Promise<RefreshResult> {
  const until = new Date(Date.now() - (opts.settleMs ?? SETTLE_MS));
  return db.$transaction(
    async (tx) => {
      // One refresher at a time (two workers would count the same spans twice).
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('eventplane:lineage'))`;
      const mark = await tx.lineageWatermark.findUnique({ where: { id: WATERMARK } });
      const since = mark?.receivedAt ?? new Date(0);
      const flows = await messagingFlowsReceived(since, until);
      const edges = await tx.$executeRaw`
      INSERT INTO "ObservedEdge" (kind, "clusterId", service, topic, "groupId", system, "firstSeenAt", "lastSeenAt", count)
      SELECT x.kind, '', x.service, x.topic, x."groupId", x.system, x.first, x.last, x.count
      FROM jsonb_to_recordset(${json(flows)}::jsonb) AS x(kind text, service text, topic text, "groupId" text, system text, first timestamptz, last timestamptz, count int)
      ON CONFLICT (kind, "clusterId", service, topic, "groupId", system) DO UPDATE SET
        "firstSeenAt" = least("ObservedEdge"."firstSeenAt", excluded."firstSeenAt"),
        "lastSeenAt" = greatest("ObservedEdge"."lastSeenAt", excluded."lastSeenAt"),
        count = "ObservedEdge".count + excluded.count`;
      await tx.$executeRaw`
      INSERT INTO "Service" (name) SELECT DISTINCT x FROM unnest(${[...new Set(flows.map((f) => f.service))]}::text[]) AS x
      ON CONFLICT DO NOTHING`;
      await tx.lineageWatermark.upsert({
        where: { id: WATERMARK },
        create: { id: WATERMARK, receivedAt: until },
        update: { receivedAt: until },
      });
      // Committed offsets: a group that commits for a topic reads it; lastSeen is the last commit seen.
      const reads = await committedReads();
      const readEdges = await tx.$executeRaw`
      INSERT INTO "ObservedEdge" (kind, "clusterId", service, topic, "groupId", "firstSeenAt", "lastSeenAt", count)
      SELECT 'READS', x."clusterId", '', x.topic, x."groupId", x.first, x.last, 0
      FROM jsonb_to_recordset(${json(reads)}::jsonb) AS x("clusterId" text, topic text, "groupId" text, first timestamptz, last timestamptz)
      ON CONFLICT (kind, "clusterId", service, topic, "groupId", system) DO UPDATE SET
        "lastSeenAt" = greatest("ObservedEdge"."lastSeenAt", excluded."lastSeenAt")`;
      return { spans: flows.reduce((n, f) => n + f.count, 0), edges: edges + readEdges };
    },
    // A backlog (a worker that was down) may take longer than Prisma's default 5 s for a transaction.
    { maxWait: 10_000, timeout: 600_000 },
  );
}

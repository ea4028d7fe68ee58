// After each sync the collector stores every group's lag summary on its row (so lists sort by lag in
// SQL, for 20,000 groups as for 20) and, at most once a minute per group, a history sample (for
// sparklines). Lag itself is computed by group-lag.ts, the same as the pages show.
import { db } from "@/server/db";
import { lagForGroups } from "./group-lag";

const SAMPLE_EVERY_MS = 60_000;

export async function refreshLagSummaries(clusterId: string, observedAt: Date): Promise<number> {
  const groups = await db.consumerGroup.findMany({ where: { clusterId, deletedAt: null }, select: { id: true } });
  if (!groups.length) return 0;
  const lag = await lagForGroups(groups.map((g) => g.id));
  const ids: string[] = [];
  const totals: string[] = [];
  const times: (number | null)[] = [];
  const statuses: string[] = [];
  for (const [id, l] of lag) {
    ids.push(id);
    totals.push(String(l.totalLag));
    times.push(l.maxTimeLagSeconds);
    statuses.push(l.status);
  }
  await db.$transaction([
    db.$executeRaw`
      UPDATE "ConsumerGroup" g SET "totalLag" = x.total::bigint, "maxTimeLagSeconds" = x.seconds, "lagStatus" = x.status, "lagUpdatedAt" = ${observedAt}
      FROM unnest(${ids}::text[], ${totals}::text[], ${times}::float8[], ${statuses}::text[]) AS x(id, total, seconds, status)
      WHERE g.id = x.id`,
    db.$executeRaw`
      INSERT INTO "GroupLagSample" ("consumerGroupId", "observedAt", "totalLag", "maxTimeLagSeconds")
      SELECT x.id, ${observedAt}, x.total::bigint, x.seconds
      FROM unnest(${ids}::text[], ${totals}::text[], ${times}::float8[]) AS x(id, total, seconds)
      WHERE NOT EXISTS (
        SELECT 1 FROM "GroupLagSample" s WHERE s."consumerGroupId" = x.id AND s."observedAt" > ${new Date(observedAt.getTime() - SAMPLE_EVERY_MS)})
      ON CONFLICT DO NOTHING`,
  ]);
  return ids.length;
}

/** Total lag over the last `minutes` for each group, oldest first. */
export async function lagHistory(
  groupRowIds: string[],
  minutes: number,
): Promise<Map<string, { at: Date; totalLag: number; maxTimeLagSeconds: number | null }[]>> {
  const out = new Map<string, { at: Date; totalLag: number; maxTimeLagSeconds: number | null }[]>();
  if (!groupRowIds.length) return out;
  const rows = await db.groupLagSample.findMany({
    where: { consumerGroupId: { in: groupRowIds }, observedAt: { gte: new Date(Date.now() - minutes * 60_000) } },
    orderBy: { observedAt: "asc" },
  });
  for (const r of rows) {
    const list = out.get(r.consumerGroupId) ?? [];
    list.push({ at: r.observedAt, totalLag: Number(r.totalLag), maxTimeLagSeconds: r.maxTimeLagSeconds });
    out.set(r.consumerGroupId, list);
  }
  return out;
}

export async function pruneLagSamples(before: Date): Promise<number> {
  return db.$executeRaw`DELETE FROM "GroupLagSample" WHERE "observedAt" < ${before}`;
}

/** One group's samples over the last `minutes`, oldest first (the group page's chart). */
export async function groupLagHistory(groupRowId: string, minutes: number) {
  return (await lagHistory([groupRowId], minutes)).get(groupRowId) ?? [];
}

// The groups in the most trouble, for the overview: ERR before WARN, then the furthest behind in time.
import { db } from "@/server/db";
import { clusterNames } from "@/server/domain/connections";

const SEVERITY: Record<string, number> = { ERR: 0, WARN: 1 };

export async function worstGroups(limit = 6) {
  const [rows, counts] = await Promise.all([
    db.consumerGroup.findMany({
      where: { deletedAt: null, lagStatus: { in: ["ERR", "WARN"] } },
      orderBy: [{ maxTimeLagSeconds: { sort: "desc", nulls: "last" } }, { totalLag: { sort: "desc", nulls: "last" } }],
      take: 200,
      select: { id: true, groupId: true, lagStatus: true, totalLag: true, maxTimeLagSeconds: true, clusterId: true },
    }),
    db.consumerGroup.groupBy({ by: ["lagStatus"], where: { deletedAt: null }, _count: true }),
  ]);
  const clusters = await clusterNames();
  const worst = rows
    .sort((a, b) => SEVERITY[a.lagStatus!]! - SEVERITY[b.lagStatus!]!)
    .slice(0, limit)
    .map((g) => ({
      id: g.id,
      groupId: g.groupId,
      cluster: clusters.get(g.clusterId) ?? g.clusterId,
      status: g.lagStatus!,
      totalLag: g.totalLag === null ? null : Number(g.totalLag),
      maxTimeLagSeconds: g.maxTimeLagSeconds,
    }));
  return { worst, byStatus: Object.fromEntries(counts.map((c) => [c.lagStatus ?? "UNKNOWN", c._count])) as Record<string, number> };
}

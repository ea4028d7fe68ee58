// The figures /metrics exposes about consumers: lag per partition (offsets and seconds) and Burrow
// status per group, for every group that is not dead. Paged through lagForGroups so memory stays flat.
import { db } from "@/server/db";
import { clusterNames } from "@/server/domain/connections";
import { lagForGroups, type PartitionLag } from "./group-lag";
import type { GroupStatus } from "./lag-status";

export interface GroupLagMetrics {
  cluster: string;
  group: string;
  status: GroupStatus;
  partitions: Pick<PartitionLag, "topic" | "partition" | "lag" | "timeLagSeconds">[];
}

export async function* lagMetrics(pageSize = 200): AsyncGenerator<GroupLagMetrics> {
  let cursor: string | undefined;
  for (;;) {
    const groups = await db.consumerGroup.findMany({
      where: { deletedAt: null },
      orderBy: { id: "asc" },
      take: pageSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, groupId: true, clusterId: true },
    });
    if (groups.length === 0) return;
    const [lag, clusters] = await Promise.all([lagForGroups(groups.map((g) => g.id)), clusterNames()]);
    for (const g of groups) {
      const l = lag.get(g.id);
      if (!l) continue;
      yield {
        cluster: clusters.get(g.clusterId) ?? g.clusterId,
        group: g.groupId,
        status: l.status,
        partitions: l.partitions.map(({ topic, partition, lag: offsets, timeLagSeconds }) => ({
          topic,
          partition,
          lag: offsets,
          timeLagSeconds,
        })),
      };
    }
    cursor = groups.at(-1)!.id;
  }
}

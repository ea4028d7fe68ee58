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

export interface BrokerBacklogMetric {
  kind: "queue" | "jetstream";
  connection: string;
  /** queue: vhost and queue; jetstream: stream and consumer */
  scope: string;
  name: string;
  /** queue: ready and unacked; jetstream: pending and ack pending */
  waiting: number;
  inFlight: number;
}

/** The backlog figures of RabbitMQ queues and JetStream consumers, as the brokers counted them. */
export async function brokerBacklogMetrics(): Promise<BrokerBacklogMetric[]> {
  const [rows, clusters] = await Promise.all([
    db.consumerGroup.findMany({
      where: { deletedAt: null, kind: { in: ["queue", "jetstream"] } },
      select: { kind: true, clusterId: true, details: true },
    }),
    clusterNames(),
  ]);
  return rows.map((r) => {
    const d = (r.details ?? {}) as Record<string, unknown>;
    const num = (v: unknown) => (typeof v === "number" ? v : 0);
    const connection = clusters.get(r.clusterId) ?? r.clusterId;
    return r.kind === "queue"
      ? {
          kind: "queue",
          connection,
          scope: String(d.vhost ?? "/"),
          name: String(d.queue ?? ""),
          waiting: num(d.ready),
          inFlight: num(d.unacked),
        }
      : {
          kind: "jetstream",
          connection,
          scope: String(d.stream ?? ""),
          name: String(d.consumer ?? ""),
          waiting: num(d.pending),
          inFlight: num(d.ackPending),
        };
  });
}

import { db, Prisma } from "@/server/db";
import { clusterNames } from "@/server/domain/connections";
import { listTopicRefs } from "@/server/domain/topics";
import { z } from "zod";
import { DomainError, parseInput } from "@/server/errors";
import type { GroupMemberInfo } from "@/server/brokers/kafka";
import { lagForGroups, type LagOptions } from "./group-lag";
import { lagHistory } from "./lag-summary";

export const ListGroupsInput = z.object({
  search: z.string().trim().max(200).optional(),
  clusterId: z.string().uuid().optional(),
  /** Kafka groups, RabbitMQ queues (with their consumers) or JetStream consumers */
  kind: z.enum(["group", "queue", "jetstream"]).optional(),
  includeDead: z.boolean().default(false),
  /** lag and timeLag sort by the summary the collector stored at its last sync. */
  sort: z.enum(["group", "lag", "timeLag"]).default("group"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(5).max(200).default(50),
});
export type ListGroupsInput = z.input<typeof ListGroupsInput>;

export async function listGroups(raw: ListGroupsInput) {
  const input = parseInput(ListGroupsInput, raw);
  const where: Prisma.ConsumerGroupWhereInput = {
    ...(input.clusterId ? { clusterId: input.clusterId } : {}),
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.includeDead ? {} : { deletedAt: null }),
    ...(input.search ? { groupId: { contains: input.search, mode: "insensitive" } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.consumerGroup.count({ where }),
    db.consumerGroup.findMany({
      where,
      orderBy:
        input.sort === "lag"
          ? [{ totalLag: { sort: input.dir, nulls: "last" } }, { groupId: "asc" }]
          : input.sort === "timeLag"
            ? [{ maxTimeLagSeconds: { sort: input.dir, nulls: "last" } }, { groupId: "asc" }]
            : [{ groupId: input.dir }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      include: { _count: { select: { offsets: true } } },
    }),
  ]);
  const ids = rows.map((r) => r.id);
  const [topicsByGroup, lag, history, clusters] = await Promise.all([
    topicsOf(ids),
    lagForGroups(ids),
    lagHistory(ids, 60),
    clusterNames(),
  ]);
  return {
    items: rows.map((g) => ({
      id: g.id,
      groupId: g.groupId,
      clusterId: g.clusterId,
      clusterName: clusters.get(g.clusterId) ?? "",
      kind: g.kind,
      /** why a broker-counted backlog has its status (no consumers, stalled, growing…) */
      reason: ((g.details ?? {}) as { reason?: string }).reason ?? null,
      state: g.state,
      memberCount: g.memberCount,
      partitionCount: g._count.offsets,
      topics: topicsByGroup.get(g.id) ?? brokerDestinations(g),
      totalLag: lag.get(g.id)?.totalLag ?? 0,
      maxTimeLagSeconds: lag.get(g.id)?.maxTimeLagSeconds ?? null,
      lagStatus: lag.get(g.id)?.status ?? "OK",
      secondsToDrain: lag.get(g.id)?.secondsToDrain ?? null,
      /** Total lag over the last hour, one point a minute at most (oldest first). */
      trend: (history.get(g.id) ?? []).map((p) => p.totalLag),
      lastSeenAt: g.lastSeenAt,
      deletedAt: g.deletedAt,
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
    pageCount: Math.max(1, Math.ceil(total / input.pageSize)),
  };
}

/** What a RabbitMQ queue's or a JetStream consumer's row reads: its queue or stream. */
function brokerDestinations(g: { kind: string; details: unknown }): string[] {
  const d = (g.details ?? {}) as { queue?: string; stream?: string };
  const name = g.kind === "queue" ? d.queue : g.kind === "jetstream" ? d.stream : undefined;
  return name ? [name] : [];
}

async function topicsOf(groupIds: string[]): Promise<Map<string, string[]>> {
  if (groupIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: string; topics: string[] }[]>`
    SELECT "consumerGroupId" AS id, array_agg(DISTINCT topic ORDER BY topic) AS topics
    FROM "GroupOffset" WHERE "consumerGroupId" = ANY(${groupIds}::text[]) GROUP BY 1`;
  return new Map(rows.map((r) => [r.id, r.topics]));
}

/** The groups that read a topic: from committed offsets and from current assignments. */
export async function groupsReadingTopic(clusterId: string, topic: string) {
  const groups = await db.consumerGroup.findMany({
    where: {
      clusterId,
      deletedAt: null,
      OR: [{ offsets: { some: { topic } } }, { members: { array_contains: [{ assignments: [{ topic }] }] } }],
    },
    include: { offsets: { where: { topic }, orderBy: { partition: "asc" } } },
    orderBy: { groupId: "asc" },
  });
  return groups.map((g) => {
    const members = g.members as unknown as GroupMemberInfo[];
    return {
      id: g.id,
      groupId: g.groupId,
      state: g.state,
      memberCount: g.memberCount,
      consumers: members
        .filter((m) => m.assignments.some((a) => a.topic === topic))
        .map((m) => ({ clientId: m.clientId, host: m.host, partitions: m.assignments.find((a) => a.topic === topic)?.partitions ?? [] })),
      committed: g.offsets.map((o) => ({ partition: o.partition, committed: Number(o.committed) })),
    };
  });
}

/** One group with its members and lag per partition (the group page). */
export async function getGroup(id: string, opts: LagOptions = {}) {
  const g = await db.consumerGroup.findUnique({ where: { id } });
  if (!g) throw new DomainError("NOT_FOUND", "consumer group not found", { id });
  const lag = (await lagForGroups([id], opts)).get(id)!;
  const [topicIds, clusters] = await Promise.all([
    listTopicRefs({ clusterIds: [g.clusterId], names: [...new Set(lag.partitions.map((p) => p.topic))], includeDeleted: true }),
    clusterNames([g.clusterId]),
  ]);
  return {
    id: g.id,
    groupId: g.groupId,
    clusterId: g.clusterId,
    clusterName: clusters.get(g.clusterId) ?? "",
    kind: g.kind,
    details: g.details as Record<string, unknown>,
    state: g.state,
    protocol: g.protocol,
    members: g.members as unknown as GroupMemberInfo[],
    lastSeenAt: g.lastSeenAt,
    deletedAt: g.deletedAt,
    topicIds: Object.fromEntries(topicIds.map((t) => [t.name, t.id])),
    ...lag,
  };
}

import { db, Prisma } from "@/server/db";
import { DomainError, parseInput } from "@/server/errors";
import type { ConfigEntry } from "@/server/kafka";
import { ListTopicsInput } from "./topic-contracts";

const ORDER: Record<string, (dir: Prisma.SortOrder) => Prisma.TopicOrderByWithRelationInput[]> = {
  name: (dir) => [{ name: dir }],
  partitions: (dir) => [{ partitionCount: dir }, { name: "asc" }],
  messages: (dir) => [{ messageCount: dir }, { name: "asc" }],
  rate: (dir) => [{ messagesPerSec: { sort: dir, nulls: "last" } }, { name: "asc" }],
  owner: (dir) => [{ ownerTeam: { sort: dir, nulls: "last" } }, { name: "asc" }],
  cluster: (dir) => [{ cluster: { name: dir } }, { name: "asc" }],
};

export async function listTopics(raw: ListTopicsInput) {
  const input = parseInput(ListTopicsInput, raw);
  const where: Prisma.TopicWhereInput = {
    ...(input.clusterId ? { clusterId: input.clusterId } : {}),
    ...(input.includeInternal ? {} : { internal: false }),
    ...(input.includeDeleted ? {} : { deletedAt: null }),
    ...(input.deadLetterOnly ? { deadLetter: true } : {}),
    ...(input.owner ? { ownerTeam: input.owner } : {}),
    ...(input.tag ? { tags: { has: input.tag } } : {}),
    ...(input.search
      ? {
          OR: [
            { name: { contains: input.search, mode: "insensitive" } },
            { description: { contains: input.search, mode: "insensitive" } },
            { ownerTeam: { contains: input.search, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.topic.count({ where }),
    db.topic.findMany({
      where,
      orderBy: ORDER[input.sort]!(input.dir),
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        name: true,
        internal: true,
        deadLetter: true,
        partitionCount: true,
        replicationFactor: true,
        messageCount: true,
        messagesPerSec: true,
        ownerTeam: true,
        tags: true,
        deletedAt: true,
        clusterId: true,
        cluster: { select: { name: true } },
      },
    }),
  ]);
  return {
    items: rows.map(({ cluster, ...t }) => ({ ...t, messageCount: Number(t.messageCount), clusterName: cluster.name })),
    total,
    page: input.page,
    pageSize: input.pageSize,
    pageCount: Math.max(1, Math.ceil(total / input.pageSize)),
  };
}

/** Values for the filter menus. */
export async function topicFacets() {
  const [owners, tags] = await Promise.all([
    db.$queryRaw<{ v: string }[]>`SELECT DISTINCT "ownerTeam" AS v FROM "Topic" WHERE "ownerTeam" IS NOT NULL ORDER BY 1 LIMIT 500`,
    db.$queryRaw<{ v: string }[]>`SELECT DISTINCT unnest(tags) AS v FROM "Topic" ORDER BY 1 LIMIT 500`,
  ]);
  return { owners: owners.map((r) => r.v), tags: tags.map((r) => r.v) };
}

export async function getTopic(id: string) {
  const t = await db.topic.findUnique({
    where: { id },
    include: { cluster: { select: { name: true, status: true } }, partitions: { orderBy: { partition: "asc" } } },
  });
  if (!t) throw new DomainError("NOT_FOUND", "topic not found", { id });
  return {
    id: t.id,
    name: t.name,
    clusterId: t.clusterId,
    clusterName: t.cluster.name,
    clusterStatus: t.cluster.status,
    internal: t.internal,
    deadLetter: t.deadLetter,
    partitionCount: t.partitionCount,
    replicationFactor: t.replicationFactor,
    messageCount: Number(t.messageCount),
    messagesPerSec: t.messagesPerSec,
    rateSampledAt: t.rateSampledAt,
    firstSeenAt: t.firstSeenAt,
    lastSeenAt: t.lastSeenAt,
    deletedAt: t.deletedAt,
    ownerTeam: t.ownerTeam,
    description: t.description,
    tags: t.tags,
    configs: (t.configs as unknown as ConfigEntry[]).slice().sort((a, b) => a.name.localeCompare(b.name)),
    partitions: t.partitions.map((p) => ({
      partition: p.partition,
      leader: p.leader,
      replicas: p.replicas,
      isr: p.isr,
      offlineReplicas: p.offlineReplicas,
      startOffset: Number(p.startOffset),
      endOffset: Number(p.endOffset),
      underReplicated: p.isr.length < p.replicas.length,
    })),
  };
}

/** Live topics with these names, in any cluster (for linking schema subjects to their topics). */
export async function findTopicsByName(names: string[]) {
  if (!names.length) return [];
  const rows = await db.topic.findMany({
    where: { name: { in: names }, deletedAt: null },
    select: { id: true, name: true, ownerTeam: true, cluster: { select: { name: true } } },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, ownerTeam: r.ownerTeam, clusterName: r.cluster.name }));
}

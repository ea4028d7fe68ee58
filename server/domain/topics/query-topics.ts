import { clusterNames, listClusterRefs } from "@/server/domain/connections";
import { db, Prisma } from "@/server/db";
import { DomainError, parseInput } from "@/server/errors";
import type { ConfigEntry } from "@/server/brokers/kafka";
import { ListTopicsInput } from "./topic-contracts";

const ORDER: Record<string, (dir: Prisma.SortOrder) => Prisma.TopicOrderByWithRelationInput[]> = {
  name: (dir) => [{ name: dir }],
  partitions: (dir) => [{ partitionCount: dir }, { name: "asc" }],
  messages: (dir) => [{ messageCount: dir }, { name: "asc" }],
  rate: (dir) => [{ messagesPerSec: { sort: dir, nulls: "last" } }, { name: "asc" }],
  owner: (dir) => [{ ownerTeam: { sort: dir, nulls: "last" } }, { name: "asc" }],
};

const TOPIC_ROW = {
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
  kind: true,
  namespace: true,
} satisfies Prisma.TopicSelect;

/** One page ordered by cluster name (clusters are named in another context): walk the clusters in
 *  name order and take from each the part of the page it covers. */
async function pageByCluster(where: Prisma.TopicWhereInput, dir: Prisma.SortOrder, skip: number, take: number) {
  const clusters = (await listClusterRefs()).map((c) => c.id);
  if (dir === "desc") clusters.reverse();
  const counts = new Map((await db.topic.groupBy({ by: ["clusterId"], where, _count: true })).map((g) => [g.clusterId, g._count]));
  const rows: Prisma.TopicGetPayload<{ select: typeof TOPIC_ROW }>[] = [];
  let offset = skip;
  for (const clusterId of clusters) {
    const n = counts.get(clusterId) ?? 0;
    if (offset >= n) {
      offset -= n;
      continue;
    }
    const part = await db.topic.findMany({
      where: { ...where, clusterId },
      orderBy: [{ name: "asc" }],
      skip: offset,
      take: take - rows.length,
      select: TOPIC_ROW,
    });
    rows.push(...part);
    offset = 0;
    if (rows.length >= take) break;
  }
  return rows;
}

export async function listTopics(raw: ListTopicsInput) {
  const input = parseInput(ListTopicsInput, raw);
  const clusters = await listClusterRefs();
  const ofBroker = input.broker ? clusters.filter((c) => c.kind === input.broker).map((c) => c.id) : null;
  const where: Prisma.TopicWhereInput = {
    ...(input.clusterId ? { clusterId: input.clusterId } : {}),
    ...(ofBroker ? { AND: [{ clusterId: { in: ofBroker } }] } : {}),
    ...(input.kind ? { kind: input.kind } : {}),
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
  const skip = (input.page - 1) * input.pageSize;
  const [total, rows] = await Promise.all([
    db.topic.count({ where }),
    input.sort === "cluster"
      ? pageByCluster(where, input.dir, skip, input.pageSize)
      : db.topic.findMany({ where, orderBy: ORDER[input.sort]!(input.dir), skip, take: input.pageSize, select: TOPIC_ROW }),
  ]);
  const byId = new Map(clusters.map((c) => [c.id, c]));
  return {
    items: rows.map((t) => ({
      ...t,
      messageCount: Number(t.messageCount),
      clusterName: byId.get(t.clusterId)?.name ?? "",
      broker: byId.get(t.clusterId)?.kind ?? "kafka",
    })),
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
    include: { partitions: { orderBy: { partition: "asc" } } },
  });
  if (!t) throw new DomainError("NOT_FOUND", "topic not found", { id });
  const [cluster] = await listClusterRefs([t.clusterId]);
  return {
    id: t.id,
    name: t.name,
    clusterId: t.clusterId,
    clusterName: cluster?.name ?? "",
    clusterStatus: cluster?.status ?? "UNKNOWN",
    broker: cluster?.kind ?? "kafka",
    kind: t.kind,
    namespace: t.namespace,
    details: t.details as Record<string, unknown>,
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
    select: { id: true, name: true, ownerTeam: true, clusterId: true },
    orderBy: { name: "asc" },
  });
  const clusters = await clusterNames([...new Set(rows.map((r) => r.clusterId))]);
  return rows.map((r) => ({ id: r.id, name: r.name, ownerTeam: r.ownerTeam, clusterName: clusters.get(r.clusterId) ?? "" }));
}

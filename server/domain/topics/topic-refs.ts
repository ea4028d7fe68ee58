// What other contexts read of the catalog: topics as plain rows, filtered the ways they need. The
// Topic and TopicPartition tables stay private to this context.
import { db, Prisma } from "@/server/db";
import { DomainError } from "@/server/errors";

export interface TopicRef {
  id: string;
  clusterId: string;
  /** topic, queue, exchange or stream */
  kind: string;
  /** RabbitMQ's vhost; "" elsewhere */
  namespace: string;
  name: string;
  internal: boolean;
  /** a dead-letter queue, by name or by the headers of its records */
  deadLetter: boolean;
  deadLetterByHeaders: boolean;
  ownerTeam: string | null;
  partitionCount: number;
  replicationFactor: number;
  description: string | null;
  tags: string[];
  messageCount: bigint;
  messagesPerSec: number | null;
  endOffsetSum: bigint;
  deletedAt: Date | null;
  /** the broker's own facts (RabbitMQ queue: arguments, deadLetterExchange; JetStream stream: limits) */
  details: Prisma.JsonValue;
}

const REF = {
  id: true,
  clusterId: true,
  kind: true,
  namespace: true,
  name: true,
  internal: true,
  deadLetter: true,
  deadLetterByHeaders: true,
  ownerTeam: true,
  partitionCount: true,
  replicationFactor: true,
  description: true,
  tags: true,
  messageCount: true,
  messagesPerSec: true,
  endOffsetSum: true,
  deletedAt: true,
  details: true,
} satisfies Prisma.TopicSelect;

export interface TopicFilter {
  ids?: string[];
  clusterIds?: string[];
  names?: string[];
  deadLetter?: boolean;
  ownerTeam?: string;
  /** deleted topics too (default: only those the broker still has) */
  includeDeleted?: boolean;
}

export async function listTopicRefs(f: TopicFilter = {}, order: "name" | "depth" = "name"): Promise<TopicRef[]> {
  return db.topic.findMany({
    where: {
      ...(f.ids ? { id: { in: f.ids } } : {}),
      ...(f.clusterIds ? { clusterId: { in: f.clusterIds } } : {}),
      ...(f.names ? { name: { in: f.names } } : {}),
      ...(f.deadLetter === undefined ? {} : { deadLetter: f.deadLetter }),
      ...(f.ownerTeam ? { ownerTeam: f.ownerTeam } : {}),
      ...(f.includeDeleted ? {} : { deletedAt: null }),
    },
    orderBy: order === "depth" ? [{ messageCount: "desc" }, { name: "asc" }] : [{ name: "asc" }],
    select: REF,
  });
}

export async function getTopicRef(id: string): Promise<TopicRef> {
  const t = await db.topic.findUnique({ where: { id }, select: REF });
  if (!t) throw new DomainError("NOT_FOUND", "topic not found", { id });
  return t;
}

/** Live, non-internal topics not yet known as dead-letter queues whose headers were not looked at
 *  since `probedBefore`, least recently probed first. */
export async function topicsToProbe(opts: { clusterIds: string[]; probedBefore: Date; limit: number; ids?: string[] }) {
  return db.topic.findMany({
    where: {
      deletedAt: null,
      internal: false,
      deadLetter: false,
      deadLetterByHeaders: false,
      messageCount: { gt: 0 },
      clusterId: { in: opts.clusterIds },
      OR: [{ headersProbedAt: null }, { headersProbedAt: { lt: opts.probedBefore } }],
      ...(opts.ids ? { id: { in: opts.ids } } : {}),
    },
    orderBy: [{ headersProbedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
    take: opts.limit,
    select: REF,
  });
}

/** The headers probe looked at a topic; records with dead-letter headers make it a DLQ for good. */
export async function recordHeaderProbe(topicId: string, at: Date, deadLetter: boolean): Promise<void> {
  await db.topic.update({
    where: { id: topicId },
    data: { headersProbedAt: at, ...(deadLetter ? { deadLetter: true, deadLetterByHeaders: true } : {}) },
  });
}

/** The log-end (and last stable) offset of every partition of these live topics of one cluster. */
export async function partitionEnds(clusterId: string, topics: string[]) {
  if (!topics.length) return [];
  return db.$queryRaw<{ topic: string; partition: number; endOffset: bigint; stableOffset: bigint | null }[]>`
    SELECT t.name AS topic, p.partition, p."endOffset", p."stableOffset" FROM "TopicPartition" p JOIN "Topic" t ON t.id = p."topicId"
    WHERE t."clusterId" = ${clusterId} AND t."deletedAt" IS NULL AND t.name = ANY(${topics}::text[])`;
}

/** JetStream streams with the subjects they capture (for drawing subjects on their streams). */
export async function streamSubjects(): Promise<{ clusterId: string; name: string; subjects: string[] }[]> {
  const rows = await db.topic.findMany({
    where: { kind: "stream", deletedAt: null },
    select: { clusterId: true, name: true, details: true },
  });
  return rows.map((r) => ({
    clusterId: r.clusterId,
    name: r.name,
    subjects: ((r.details ?? {}) as { subjects?: string[] }).subjects ?? [],
  }));
}

/** RabbitMQ routing as the last sync read it: exchange → queue (bindings) and queue → its dead-letter
 *  exchange (x-dead-letter-exchange; the default exchange is left out, it routes by name). */
export async function exchangeRoutes(): Promise<{ clusterId: string; from: string; to: string }[]> {
  const rows = await db.topic.findMany({
    where: { kind: { in: ["exchange", "queue"] }, deletedAt: null },
    select: { clusterId: true, kind: true, name: true, details: true },
  });
  return rows.flatMap((r) => {
    const d = (r.details ?? {}) as { routes?: { queue: string }[]; deadLetterExchange?: string | null };
    if (r.kind === "exchange") return (d.routes ?? []).map((x) => ({ clusterId: r.clusterId, from: r.name, to: x.queue }));
    return d.deadLetterExchange ? [{ clusterId: r.clusterId, from: r.name, to: d.deadLetterExchange }] : [];
  });
}

/** One config's value (as last synced) of each of these topics that has it: id → value. */
export async function topicConfigValues(ids: string[], name: string): Promise<Map<string, string>> {
  const rows = await db.topic.findMany({ where: { id: { in: ids } }, select: { id: true, configs: true } });
  const out = new Map<string, string>();
  for (const r of rows) {
    const entry = (r.configs as { name: string; value: string | null }[]).find((c) => c.name === name);
    if (entry?.value != null) out.set(r.id, entry.value);
  }
  return out;
}

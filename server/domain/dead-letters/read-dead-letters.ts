// A dead-letter queue as people look at it: how deep, how fast it fills, its recent records with the
// failure each one carries (normalised from whichever framework wrote it), grouped by exception class.
import { authorize, type Actor } from "@/server/domain/identity";
import { payloadMasker } from "@/server/domain/masking";
import { db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { clusterConnection, listClusterRefs } from "@/server/domain/connections";
import { getTopicRef, listTopicRefs } from "@/server/domain/topics";
import type { RawRecord } from "@/server/brokers";
import { NO_EXCEPTION_HEADER, normalizeDeadLetterHeaders, type DeadLetterInfo } from "./normalize-headers";

/** How many of the newest records per partition the page reads (and a redrive can pick from). */
export const DLQ_TAIL_PER_PARTITION = 200;

export type DeadLetterRow = DeadLetterInfo & {
  partition: number;
  offset: string;
  /** RabbitMQ: the letter's identity (what a redrive names it by); null where the position names it */
  id: string | null;
  timestamp: string;
  key: string | null;
  traceparent: string | null;
  redrive: { status: string; at: Date; actor: string; targetTopic: string } | null;
};

export async function listDeadLetterQueues() {
  const [topics, refs] = await Promise.all([listTopicRefs({ deadLetter: true }, "depth"), listClusterRefs()]);
  const byId = new Map(refs.map((c) => [c.id, c]));
  return topics.map((t) => ({
    id: t.id,
    name: t.name,
    kind: t.kind,
    namespace: t.namespace,
    broker: byId.get(t.clusterId)?.kind ?? "kafka",
    cluster: byId.get(t.clusterId)?.name ?? t.clusterId,
    depth: Number(t.messageCount),
    inflowPerMin: t.messagesPerSec === null ? null : t.messagesPerSec * 60,
    partitions: t.partitionCount,
    ownerTeam: t.ownerTeam,
  }));
}

/** The queues that hold or receive letters, filling fastest first, then deepest. */
export async function busiestDeadLetterQueues(limit: number) {
  return (await listDeadLetterQueues())
    .filter((d) => d.depth > 0 || (d.inflowPerMin ?? 0) > 0)
    .sort((a, b) => (b.inflowPerMin ?? 0) - (a.inflowPerMin ?? 0) || b.depth - a.depth)
    .slice(0, limit);
}

/** The queue with how to reach its cluster. */
export async function deadLetterTopic(topicId: string) {
  const topic = await getTopicRef(topicId);
  const cluster = await clusterConnection(topic.clusterId);
  return { ...topic, cluster };
}

export function toRow(r: RawRecord, redrive: DeadLetterRow["redrive"]): DeadLetterRow {
  const header = (name: string) => r.headers[name]?.[0]?.toString("utf8") ?? null;
  const info = normalizeDeadLetterHeaders(r.headers);
  // A Kafka DLQ record is written when it fails; a RabbitMQ letter keeps its publish time (often
  // unset): its x-death time says when it failed.
  const failedAt = info.family === "rabbitmq" && info.originalTimestamp !== null ? info.originalTimestamp : Number(r.timestamp);
  return {
    ...info,
    partition: r.partition,
    offset: r.offset,
    id: r.id ?? null,
    timestamp: new Date(failedAt).toISOString(),
    key: r.key ? r.key.toString("utf8") : null,
    traceparent: header("traceparent"),
    redrive,
  };
}

export async function readDeadLetters(actor: Actor, topicId: string) {
  const topic = await deadLetterTopic(topicId);
  authorize(actor, "records:read", { what: `topic "${topic.name}"`, owner: topic.ownerTeam });
  let records: RawRecord[];
  try {
    records = await topic.cluster.broker.readTail(topic, DLQ_TAIL_PER_PARTITION);
  } catch (error) {
    throw new DomainError("CLUSTER_UNREACHABLE", `Could not read ${topic.name} from ${topic.cluster.name}: ${(error as Error).message}`);
  }
  // Keys are all this page shows of a letter's payload: masked like anywhere else.
  const mask = await payloadMasker(actor, topic.name);
  const maskKey = (key: string | null) => {
    if (key === null || !mask.active) return key;
    const masked = mask({ kind: "text", text: key }, "key");
    return masked.kind === "text" ? masked.text : key;
  };
  const redrives = await db.redrive.findMany({ where: { dlqTopicId: topic.id } });
  const redriveOf = new Map(redrives.map((r) => [r.messageId || `${r.partition}/${r.offset}`, r]));
  const rows = records
    .map((r) => {
      const found = redriveOf.get(r.id ?? `${r.partition}/${r.offset}`);
      // A RabbitMQ letter whose move completed left the queue: one that looks the same now is new.
      const done = found && !(r.id && found.status === "moved") ? found : undefined;
      const row = toRow(r, done ? { status: done.status, at: done.at, actor: done.actor, targetTopic: done.targetTopic } : null);
      return { ...row, key: maskKey(row.key) };
    })
    .sort((a, b) => (a.timestamp < b.timestamp ? 1 : -1));
  const classes = new Map<
    string,
    { exceptionClass: string; count: number; lastAt: string; originalTopics: Set<string>; example: string | null }
  >();
  for (const r of rows) {
    const k = r.exceptionClass ?? NO_EXCEPTION_HEADER;
    const c = classes.get(k) ?? {
      exceptionClass: k,
      count: 0,
      lastAt: r.timestamp,
      originalTopics: new Set<string>(),
      example: r.exceptionMessage,
    };
    c.count++;
    if (r.originalTopic) c.originalTopics.add(r.originalTopic);
    classes.set(k, c);
  }
  // Inflow over the last 10 minutes, counted from the records themselves: the catalog's rate is the
  // delta between two syncs, mostly 0 for a queue that fills a few records a minute.
  const windowStart = Date.now() - 10 * 60_000;
  const recent = rows.filter((r) => Date.parse(r.timestamp) >= windowStart).length;
  const perPartition = new Map<number, number>();
  for (const r of records) perPartition.set(r.partition, (perPartition.get(r.partition) ?? 0) + 1);
  // A full read window with nothing older than the window start means older records went unread: a lower bound.
  const inflowAtLeast =
    [...perPartition.values()].some((n) => n >= DLQ_TAIL_PER_PARTITION) && rows.every((r) => Date.parse(r.timestamp) >= windowStart);
  return {
    topic: {
      id: topic.id,
      name: topic.name,
      cluster: topic.cluster.name,
      depth: Number(topic.messageCount),
      broker: topic.cluster.broker.kind,
      /** false where the broker has no redrive here yet: the page says so instead of offering it */
      canRedrive: topic.cluster.broker.canRedrive,
      inflowPerMin: recent / 10,
      inflowAtLeast,
    },
    readLimitPerPartition: DLQ_TAIL_PER_PARTITION,
    classes: [...classes.values()].map((c) => ({ ...c, originalTopics: [...c.originalTopics] })).sort((a, b) => b.count - a.count),
    records: rows,
  };
}

// JetStream dead letters: messages a consumer gave up on (max deliveries) or a client terminated,
// recorded from the server's advisories. Keyed by (connection, stream, consumer, sequence, reason):
// an advisory seen twice is one dead letter.
import type { JetStreamDeadLetter } from "@/server/brokers/nats";
import { clusterNames } from "@/server/domain/connections";
import { listTopicRefs } from "@/server/domain/topics";
import { db } from "@/server/db";

export async function recordJetStreamDeadLetter(clusterId: string, e: JetStreamDeadLetter): Promise<void> {
  await db.deadLetterEvent.upsert({
    where: {
      clusterId_stream_consumer_streamSeq_reason: {
        clusterId,
        stream: e.stream,
        consumer: e.consumer,
        streamSeq: BigInt(e.streamSeq),
        reason: e.reason,
      },
    },
    create: {
      clusterId,
      stream: e.stream,
      consumer: e.consumer,
      streamSeq: BigInt(e.streamSeq),
      reason: e.reason,
      deliveries: e.deliveries,
      detail: e.detail,
      at: e.at,
    },
    update: { deliveries: e.deliveries, detail: e.detail },
  });
}

/** The newest JetStream dead letters, optionally of one connection or since a moment. */
export async function listJetStreamDeadLetters(opts: { clusterId?: string; since?: Date; limit?: number } = {}) {
  const rows = await db.deadLetterEvent.findMany({
    where: { ...(opts.clusterId ? { clusterId: opts.clusterId } : {}), ...(opts.since ? { at: { gte: opts.since } } : {}) },
    orderBy: { at: "desc" },
    take: opts.limit ?? 200,
  });
  const clusterIds = [...new Set(rows.map((r) => r.clusterId))];
  const names = await clusterNames(clusterIds);
  // A redrive is claimed per stream message (see jetstream-redrive.ts): show it on each letter.
  const streams = (await listTopicRefs({ clusterIds, names: [...new Set(rows.map((r) => r.stream))] })).filter((t) => t.kind === "stream");
  const streamId = new Map(streams.map((t) => [`${t.clusterId}\u001f${t.name}`, t.id]));
  const claims = await db.redrive.findMany({ where: { dlqTopicId: { in: streams.map((t) => t.id) }, messageId: "" } });
  const claimOf = new Map(claims.map((c) => [`${c.dlqTopicId}/${c.offset}`, c]));
  return rows.map((r) => {
    const claim = claimOf.get(`${streamId.get(`${r.clusterId}\u001f${r.stream}`)}/${r.streamSeq}`);
    return {
      id: String(r.id),
      clusterId: r.clusterId,
      connection: names.get(r.clusterId) ?? r.clusterId,
      stream: r.stream,
      consumer: r.consumer,
      streamSeq: Number(r.streamSeq),
      reason: r.reason,
      deliveries: r.deliveries,
      detail: r.detail,
      at: r.at,
      redrive: claim ? { status: claim.status, at: claim.at, actor: claim.actor, subject: claim.targetTopic } : null,
    };
  });
}

/** Per connection, stream and consumer: dead letters since `since` (for alert rules). */
export async function jetStreamDeadLetterCounts(since: Date) {
  const rows = await db.deadLetterEvent.groupBy({ by: ["clusterId", "stream", "consumer"], where: { at: { gte: since } }, _count: true });
  return rows.map((r) => ({ clusterId: r.clusterId, stream: r.stream, consumer: r.consumer, count: r._count }));
}

export async function pruneDeadLetterEvents(before: Date): Promise<number> {
  return (await db.deadLetterEvent.deleteMany({ where: { at: { lt: before } } })).count;
}

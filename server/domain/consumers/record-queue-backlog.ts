// Writes the backlog a broker counts itself (a RabbitMQ queue's ready + unacked with its consumers; a
// JetStream consumer's pending + ack pending) into the one consumer model: a ConsumerGroup row per
// queue or consumer, its status, and (through refreshLagSummaries) its history. Keyed by (connection,
// kind, id): a replay is harmless.
import { db, SNAPSHOT_TRANSACTION } from "@/server/db";
import { backlogStatus } from "./queue-status";

export interface BrokerBacklog {
  /** RabbitMQ "<vhost>/<queue>"; JetStream "<stream>/<consumer>" */
  groupId: string;
  state: string;
  members: {
    memberId: string;
    clientId: string;
    host: string;
    assignments: { topic: string; partitions: number[] }[];
    details?: Record<string, unknown>;
  }[];
  backlog: number;
  /** age of the oldest waiting message, when the broker knows it */
  oldestSeconds: number | null;
  inRate: number | null;
  outRate: number | null;
  /** Monotonic counts (JetStream: the stream's last sequence in, the ack floor out) from which the
   *  rates are derived between two syncs, for brokers that give no rates themselves. */
  counters?: { in: number; out: number };
  details: Record<string, unknown>;
}

/** Messages a second between two readings of a monotonic counter; null without a usable earlier one. */
function counterRate(now: number, then: number | undefined, ms: number): number | null {
  if (then === undefined || ms <= 0 || now < then) return null;
  return ((now - then) * 1000) / ms;
}

export async function recordBrokerBacklog(
  clusterId: string,
  kind: "queue" | "jetstream",
  rows: BrokerBacklog[],
  observedAt: Date,
): Promise<void> {
  const previous = new Map(
    (
      await db.consumerGroup.findMany({
        where: { clusterId, kind, deletedAt: null },
        select: { groupId: true, totalLag: true, lagUpdatedAt: true, details: true },
      })
    ).map((g) => [g.groupId, g]),
  );
  const json = rows.map((r) => {
    const prev = previous.get(r.groupId);
    const since = prev?.lagUpdatedAt ? observedAt.getTime() - prev.lagUpdatedAt.getTime() : 0;
    const before = (prev?.details as { counters?: { in: number; out: number } } | undefined)?.counters;
    const inRate = r.inRate ?? (r.counters ? counterRate(r.counters.in, before?.in, since) : null);
    const outRate = r.outRate ?? (r.counters ? counterRate(r.counters.out, before?.out, since) : null);
    const { status, reason } = backlogStatus({
      backlog: r.backlog,
      previousBacklog: prev?.totalLag === null || prev?.totalLag === undefined ? null : Number(prev.totalLag),
      consumers: r.members.length,
      inRate,
      outRate,
    });
    return {
      groupId: r.groupId,
      state: r.state,
      members: r.members,
      memberCount: r.members.length,
      totalLag: String(r.backlog),
      seconds: r.oldestSeconds,
      status,
      details: { ...r.details, reason, inRate, outRate, ...(r.counters ? { counters: r.counters } : {}) },
    };
  });
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "ConsumerGroup" (id, "clusterId", kind, "groupId", state, members, "memberCount", "lastSeenAt", "totalLag", "maxTimeLagSeconds", "lagStatus", "lagUpdatedAt", details)
      SELECT gen_random_uuid()::text, ${clusterId}, ${kind}, x."groupId", x.state, x.members, x."memberCount", ${observedAt}, x."totalLag"::bigint, x.seconds, x.status, ${observedAt}, x.details
      FROM jsonb_to_recordset(${JSON.stringify(json)}::jsonb) AS x("groupId" text, state text, members jsonb, "memberCount" int, "totalLag" text, seconds float8, status text, details jsonb)
      ON CONFLICT ("clusterId", "groupId") DO UPDATE SET
        kind = EXCLUDED.kind, state = EXCLUDED.state, members = EXCLUDED.members, "memberCount" = EXCLUDED."memberCount",
        "lastSeenAt" = EXCLUDED."lastSeenAt", "totalLag" = EXCLUDED."totalLag", "maxTimeLagSeconds" = EXCLUDED."maxTimeLagSeconds",
        "lagStatus" = EXCLUDED."lagStatus", "lagUpdatedAt" = EXCLUDED."lagUpdatedAt", details = EXCLUDED.details, "deletedAt" = NULL`;
    await tx.$executeRaw`
      UPDATE "ConsumerGroup" SET "deletedAt" = ${observedAt}, state = 'Dead', members = '[]', "memberCount" = 0
      WHERE "clusterId" = ${clusterId} AND kind = ${kind} AND "deletedAt" IS NULL AND NOT ("groupId" = ANY(${rows.map((r) => r.groupId)}::text[]))`;
  }, SNAPSHOT_TRANSACTION);
}

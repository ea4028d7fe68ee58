// Lag per consumer group, partition by partition: offsets (as kafka-consumer-groups.sh prints them)
// and seconds (interpolated over the persisted log-end samples). Computed for a page of groups at once.
import { env } from "@/env";
import { rawQuery } from "@/server/db";
import { partitionEnds } from "@/server/domain/topics";
import type { GroupMemberInfo } from "@/server/brokers/kafka";
import { ratePerSecond, secondsToDrain } from "./drain";
import { groupStatus, partitionStatus, type GroupStatus, type PartitionStatus } from "./lag-status";
import { estimateTimeLag, offsetLag, type EndSample, type TimeLag } from "./time-lag";
import { appendTo } from "@/server/lib/append-to";

/** How far back time lag looks for log-end samples; older committed offsets are extrapolated. */
const SAMPLE_WINDOW_MS = 6 * 3_600_000;

export interface PartitionLag {
  topic: string;
  partition: number;
  committed: number | null;
  endOffset: number | null;
  /** last stable offset, when an open transaction holds it below the log end (else null) */
  stableOffset: number | null;
  lag: number | null;
  timeLagSeconds: number | null;
  timeLagMethod: TimeLag["method"] | null;
  owner: { clientId: string; host: string; memberId: string } | null;
  status: PartitionStatus;
  /** Records per second, over the commit window and the log-end samples of the same span. */
  consumeRate: number | null;
  produceRate: number | null;
  secondsToDrain: number | null;
}

export interface GroupLag {
  partitions: PartitionLag[];
  totalLag: number;
  maxTimeLagSeconds: number | null;
  observedAt: Date | null;
  status: GroupStatus;
  consumeRate: number | null;
  /** Until every partition is caught up; null when some lagging partition is not shrinking. */
  secondsToDrain: number | null;
}

export interface LagOptions {
  /** How long a partition's offset must stand still (and behind) before it counts as stopped. */
  minIdleMs?: number;
}

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

// Times as ms since the epoch, offsets as float8: pg hands both over as numbers, with no Date or
// BigInt per row (Prisma's findMany with include spent ~4 s building 200,000 offset rows of 20,000
// groups). Columns are timestamp without time zone holding UTC.
const EPOCH_MS = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

interface GroupRow {
  id: string;
  clusterId: string;
  kind: string;
  members: unknown;
  totalLag: number | null;
  maxTimeLagSeconds: number | null;
  lagStatus: string | null;
  lagUpdatedAt: number | null;
  /** when the collector last read its committed offsets */
  offsetsReadAt: number | null;
  details: unknown;
  offsets: { topic: string; partition: number; committed: number }[];
  /** oldest first */
  commits: { topic: string; partition: number; committed: number; lag: number; at: number }[];
}

async function loadGroups(ids: string[]): Promise<GroupRow[]> {
  if (!ids.length) return [];
  const [groups, offsets, commits] = await Promise.all([
    rawQuery<Omit<GroupRow, "offsets" | "commits">>(
      `SELECT id, "clusterId", kind, members, "totalLag"::float8 AS "totalLag", "maxTimeLagSeconds", "lagStatus",
         ${EPOCH_MS('"lagUpdatedAt"')} AS "lagUpdatedAt", ${EPOCH_MS('"offsetsReadAt"')} AS "offsetsReadAt", details
       FROM "ConsumerGroup" WHERE id = ANY($1::text[])`,
      [ids],
    ),
    rawQuery<GroupRow["offsets"][number] & { g: string }>(
      `SELECT "consumerGroupId" AS g, topic, partition, committed::float8 AS committed
       FROM "GroupOffset" WHERE "consumerGroupId" = ANY($1::text[])`,
      [ids],
    ),
    rawQuery<GroupRow["commits"][number] & { g: string }>(
      `SELECT "consumerGroupId" AS g, topic, partition, committed::float8 AS committed, lag::float8 AS lag, ${EPOCH_MS('"observedAt"')} AS at
       FROM "GroupCommitSample" WHERE "consumerGroupId" = ANY($1::text[]) ORDER BY "observedAt"`,
      [ids],
    ),
  ]);
  // Rows are kept as pg made them (with their group's id): a copy of 600,000 rows is garbage to collect.
  const offsetsOf = new Map<string, GroupRow["offsets"]>();
  for (const o of offsets) appendTo(offsetsOf, o.g, o);
  const commitsOf = new Map<string, GroupRow["commits"]>();
  for (const c of commits) appendTo(commitsOf, c.g, c);
  return groups.map((g) => ({ ...g, offsets: offsetsOf.get(g.id) ?? [], commits: commitsOf.get(g.id) ?? [] }));
}

export async function lagForGroups(groupRowIds: string[], opts: LagOptions = {}): Promise<Map<string, GroupLag>> {
  const minIdleMs = opts.minIdleMs ?? env.LAG_STOP_AFTER_MS;
  const groups = await loadGroups(groupRowIds);
  const out = new Map<string, GroupLag>();
  const byCluster = new Map<string, typeof groups>();
  for (const g of groups) {
    // RabbitMQ queues and JetStream consumers: the broker counts the backlog; the collector stored it.
    if (g.kind !== "group") out.set(g.id, brokerCountedLag(g));
    else appendTo(byCluster, g.clusterId, g);
  }

  for (const [clusterId, clusterGroups] of byCluster) {
    const topics = [
      ...new Set(clusterGroups.flatMap((g) => [...g.offsets.map((o) => o.topic), ...assigned(g.members).map((a) => a.topic)])),
    ];
    const [ends, samples] = await Promise.all([
      partitionEnds(clusterId, topics),
      rawQuery<{ topic: string; partition: number; at: number; endOffset: number }>(
        `SELECT topic, partition, ${EPOCH_MS('"observedAt"')} AS at, "endOffset"::float8 AS "endOffset" FROM "PartitionEndSample"
         WHERE "clusterId" = $1 AND topic = ANY($2::text[]) AND "observedAt" > $3::timestamptz AT TIME ZONE 'UTC'
         ORDER BY "observedAt"`,
        [clusterId, topics, new Date(Date.now() - SAMPLE_WINDOW_MS).toISOString()],
      ),
    ]);
    const endOf = new Map(ends.map((e) => [key(e.topic, e.partition), Number(e.endOffset)]));
    const stableOf = new Map(
      ends
        .filter((e) => e.stableOffset !== null && e.stableOffset < e.endOffset)
        .map((e) => [key(e.topic, e.partition), Number(e.stableOffset)]),
    );
    const samplesOf = new Map<string, EndSample[]>();
    for (const s of samples) {
      const k = key(s.topic, s.partition);
      appendTo(samplesOf, k, { offset: s.endOffset, time: s.at });
    }

    for (const g of clusterGroups) {
      const owners = new Map<string, PartitionLag["owner"]>();
      for (const m of g.members as unknown as GroupMemberInfo[]) {
        for (const a of m.assignments)
          for (const p of a.partitions) owners.set(key(a.topic, p), { clientId: m.clientId, host: m.host, memberId: m.memberId });
      }
      const committed = new Map(g.offsets.map((o) => [key(o.topic, o.partition), o.committed]));
      const keys = new Set([...committed.keys(), ...owners.keys()]);
      const observedAt = g.offsetsReadAt === null || g.offsets.length === 0 ? null : new Date(g.offsetsReadAt);
      const commitsOf = new Map<string, { offset: number; time: number; lag: number }[]>();
      for (const c of g.commits) appendTo(commitsOf, key(c.topic, c.partition), { offset: c.committed, time: c.at, lag: c.lag });
      const partitions = [...keys].map((k): PartitionLag => {
        const [topic, p] = k.split("\u0000") as [string, string];
        const c = committed.get(k) ?? null;
        const end = endOf.get(k) ?? null;
        const now = (observedAt ?? new Date()).getTime();
        const time = c !== null && end !== null ? estimateTimeLag(samplesOf.get(k) ?? [], c, now) : null;
        const lag = end === null ? null : offsetLag(end, c);
        const commits = commitsOf.get(k) ?? [];
        // Up to now, not just to the last change: a consumer that stopped has a falling rate.
        const consumeRate = c === null ? null : ratePerSecond([...commits, { offset: c, time: now }]);
        // The producers' rate over the same span as the commit window (or the last minute).
        const since = commits[0]?.time ?? now - 60_000;
        const produceRate = ratePerSecond((samplesOf.get(k) ?? []).filter((s) => s.time >= since));
        return {
          topic,
          partition: Number(p),
          committed: c,
          endOffset: end,
          stableOffset: stableOf.get(k) ?? null,
          lag,
          timeLagSeconds: time?.seconds ?? null,
          timeLagMethod: time?.method ?? null,
          owner: owners.get(k) ?? null,
          consumeRate,
          produceRate,
          secondsToDrain: secondsToDrain(lag, consumeRate, produceRate),
          status: partitionStatus({
            commits,
            currentLag: lag,
            endSamples: samplesOf.get(k) ?? [],
            owned: owners.has(k),
            now,
            minIdleMs,
          }),
        };
      });
      partitions.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
      const timeLags = partitions.map((p) => p.timeLagSeconds).filter((s): s is number => s !== null);
      out.set(g.id, {
        partitions,
        totalLag: partitions.reduce((s, p) => s + (p.lag ?? 0), 0),
        maxTimeLagSeconds: timeLags.length ? Math.max(...timeLags) : null,
        observedAt,
        status: groupStatus(partitions.map((p) => p.status)),
        consumeRate: partitions.some((p) => p.consumeRate !== null) ? partitions.reduce((s, p) => s + (p.consumeRate ?? 0), 0) : null,
        secondsToDrain: partitions.some((p) => p.secondsToDrain === null && (p.lag ?? 0) > 0)
          ? null
          : Math.max(0, ...partitions.map((p) => p.secondsToDrain ?? 0)),
      });
    }
  }
  return out;
}

function brokerCountedLag(g: GroupRow): GroupLag {
  const d = (g.details ?? {}) as { inRate?: number | null; outRate?: number | null };
  const backlog = Number(g.totalLag ?? 0);
  const net = (d.outRate ?? 0) - (d.inRate ?? 0);
  return {
    partitions: [],
    totalLag: backlog,
    maxTimeLagSeconds: g.maxTimeLagSeconds,
    observedAt: g.lagUpdatedAt === null ? null : new Date(g.lagUpdatedAt),
    status: (g.lagStatus ?? "OK") as GroupStatus,
    consumeRate: d.outRate ?? null,
    secondsToDrain: backlog === 0 ? 0 : net > 0 ? backlog / net : null,
  };
}

function assigned(members: unknown): { topic: string; partitions: number[] }[] {
  return (members as GroupMemberInfo[]).flatMap((m) => m.assignments);
}

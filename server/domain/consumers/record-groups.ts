// Writes the consumer groups of one collector snapshot: state, members with their assignments, and
// committed offsets. Keyed by (cluster, group) and (group, topic, partition): a replay is harmless.
import { db } from "@/server/db";
import type { GroupInfo } from "@/server/brokers/kafka";

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));

/** `ends`: the log-end offsets of the same snapshot, for the lag at each commit (0 where unknown). */
export async function recordGroups(
  clusterId: string,
  groups: GroupInfo[],
  observedAt: Date,
  ends: { topic: string; partition: number; endOffset: bigint }[] = [],
): Promise<void> {
  const rows = groups.map((g) => ({
    groupId: g.groupId,
    state: g.state,
    protocolType: g.protocolType,
    protocol: g.protocol,
    members: g.members,
    memberCount: g.members.length,
  }));
  const endOf = new Map(ends.map((e) => [`${e.topic}\u0000${e.partition}`, e.endOffset]));
  const offsets = groups.flatMap((g) =>
    (g.offsets ?? []).map((o) => {
      const end = endOf.get(`${o.topic}\u0000${o.partition}`) ?? o.committed;
      return { groupId: g.groupId, ...o, lag: end > o.committed ? end - o.committed : 0n };
    }),
  );
  // Only groups whose offsets were read this time may lose offsets they no longer have.
  const offsetsRead = groups.filter((g) => g.offsets !== null).map((g) => g.groupId);
  const ids = groups.map((g) => g.groupId);
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`
        INSERT INTO "ConsumerGroup" (id, "clusterId", "groupId", state, "protocolType", protocol, members, "memberCount", "lastSeenAt")
        SELECT gen_random_uuid()::text, ${clusterId}, x."groupId", x.state, x."protocolType", x.protocol, x.members, x."memberCount", ${observedAt}
        FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x("groupId" text, state text, "protocolType" text, protocol text, members jsonb, "memberCount" int)
        ON CONFLICT ("clusterId", "groupId") DO UPDATE SET
          state = EXCLUDED.state, "protocolType" = EXCLUDED."protocolType", protocol = EXCLUDED.protocol,
          members = EXCLUDED.members, "memberCount" = EXCLUDED."memberCount", "lastSeenAt" = EXCLUDED."lastSeenAt", "deletedAt" = NULL`;
      await tx.$executeRaw`
        UPDATE "ConsumerGroup" SET "deletedAt" = ${observedAt}, state = 'Dead', members = '[]', "memberCount" = 0
        WHERE "clusterId" = ${clusterId} AND "deletedAt" IS NULL AND NOT ("groupId" = ANY(${ids}::text[]))`;
      await tx.$executeRaw`
        INSERT INTO "GroupOffset" ("consumerGroupId", topic, partition, committed, "observedAt")
        SELECT g.id, x.topic, x.partition, x.committed::bigint, ${observedAt}
        FROM jsonb_to_recordset(${json(offsets)}::jsonb) AS x("groupId" text, topic text, partition int, committed text)
        JOIN "ConsumerGroup" g ON g."clusterId" = ${clusterId} AND g."groupId" = x."groupId"
        ON CONFLICT ("consumerGroupId", topic, partition) DO UPDATE SET committed = EXCLUDED.committed, "observedAt" = EXCLUDED."observedAt"`;
      // Burrow's window: a new entry each time a partition's committed offset is seen to change,
      // with the lag at that moment; the ten newest per partition are kept.
      await tx.$executeRaw`
        INSERT INTO "GroupCommitSample" ("consumerGroupId", topic, partition, "observedAt", committed, lag)
        SELECT g.id, x.topic, x.partition, ${observedAt}, x.committed::bigint, x.lag::bigint
        FROM jsonb_to_recordset(${json(offsets)}::jsonb) AS x("groupId" text, topic text, partition int, committed text, lag text)
        JOIN "ConsumerGroup" g ON g."clusterId" = ${clusterId} AND g."groupId" = x."groupId"
        WHERE NOT EXISTS (
          SELECT 1 FROM "GroupCommitSample" s
          WHERE s."consumerGroupId" = g.id AND s.topic = x.topic AND s.partition = x.partition
            AND (s."observedAt" >= ${observedAt}
                 OR (s.committed = x.committed::bigint AND s."observedAt" = (
                       SELECT max(m."observedAt") FROM "GroupCommitSample" m
                       WHERE m."consumerGroupId" = g.id AND m.topic = x.topic AND m.partition = x.partition))))
        ON CONFLICT DO NOTHING`;
      await tx.$executeRaw`
        DELETE FROM "GroupCommitSample" s USING (
          SELECT c."consumerGroupId", c.topic, c.partition, c."observedAt",
                 row_number() OVER (PARTITION BY c."consumerGroupId", c.topic, c.partition ORDER BY c."observedAt" DESC) AS rn
          FROM "GroupCommitSample" c JOIN "ConsumerGroup" g ON g.id = c."consumerGroupId" AND g."clusterId" = ${clusterId}
        ) r
        WHERE r.rn > 10 AND s."consumerGroupId" = r."consumerGroupId" AND s.topic = r.topic AND s.partition = r.partition AND s."observedAt" = r."observedAt"`;
      // Offsets the group no longer has (expired or reset by an admin) disappear from its current state.
      await tx.$executeRaw`
        DELETE FROM "GroupOffset" o USING "ConsumerGroup" g
        WHERE o."consumerGroupId" = g.id AND g."clusterId" = ${clusterId} AND g."groupId" = ANY(${offsetsRead}::text[])
          AND o."observedAt" < ${observedAt}`;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

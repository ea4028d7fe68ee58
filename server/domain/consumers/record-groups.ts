// Writes the consumer groups of one collector snapshot: state, members with their assignments, and
// committed offsets. Keyed by (cluster, group) and (group, topic, partition): a replay is harmless.
// Most committed offsets do not move between two snapshots (20,000 groups hold ~200,000 of them, and
// idle groups keep theirs for days), so an offset row is written only when its value changes, and the
// group row says when its offsets were last read.
import { db, SNAPSHOT_TRANSACTION } from "@/server/db";
import type { GroupInfo } from "@/server/brokers/kafka";

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));

/** The committed offsets of a snapshot as columns (one array per column: pg reads them with unnest). */
function offsetColumns(groups: GroupInfo[], ends: { topic: string; partition: number; endOffset: bigint }[]) {
  const endOf = new Map(ends.map((e) => [`${e.topic}\u0000${e.partition}`, e.endOffset]));
  const cols = {
    groupIds: [] as string[],
    topics: [] as string[],
    partitions: [] as number[],
    committed: [] as string[],
    lags: [] as string[],
  };
  for (const g of groups) {
    for (const o of g.offsets ?? []) {
      const end = endOf.get(`${o.topic}\u0000${o.partition}`) ?? o.committed;
      cols.groupIds.push(g.groupId);
      cols.topics.push(o.topic);
      cols.partitions.push(o.partition);
      cols.committed.push(String(o.committed));
      cols.lags.push(String(end > o.committed ? end - o.committed : 0n));
    }
  }
  return cols;
}

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
    // Only groups whose offsets were read this time may lose offsets they no longer have.
    offsetsRead: g.offsets !== null,
  }));
  const o = offsetColumns(groups, ends);
  const ids = groups.map((g) => g.groupId);
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
        INSERT INTO "ConsumerGroup" (id, "clusterId", "groupId", state, "protocolType", protocol, members, "memberCount", "lastSeenAt", "offsetsReadAt")
        SELECT gen_random_uuid()::text, ${clusterId}, x."groupId", x.state, x."protocolType", x.protocol, x.members, x."memberCount", ${observedAt},
               CASE WHEN x."offsetsRead" THEN ${observedAt}::timestamp END
        FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x("groupId" text, state text, "protocolType" text, protocol text, members jsonb, "memberCount" int, "offsetsRead" boolean)
        ON CONFLICT ("clusterId", "groupId") DO UPDATE SET
          state = EXCLUDED.state, "protocolType" = EXCLUDED."protocolType", protocol = EXCLUDED.protocol,
          members = EXCLUDED.members, "memberCount" = EXCLUDED."memberCount", "lastSeenAt" = EXCLUDED."lastSeenAt", "deletedAt" = NULL,
          "offsetsReadAt" = GREATEST(EXCLUDED."offsetsReadAt", "ConsumerGroup"."offsetsReadAt")`;
    await tx.$executeRaw`
        UPDATE "ConsumerGroup" SET "deletedAt" = ${observedAt}, state = 'Dead', members = '[]', "memberCount" = 0
        WHERE "clusterId" = ${clusterId} AND "deletedAt" IS NULL AND NOT ("groupId" = ANY(${ids}::text[]))`;
    // One statement reads the snapshot once and compares it with the stored offsets of the groups read
    // this time, in one join (in memory: ~200,000 rows of 20,000 groups spill past the default 4 MB):
    // - in the snapshot only, or moved: written, and a new entry in Burrow's window of commits with the
    //   lag at that moment; the window keeps ten per partition, so such a partition keeps its nine newest
    //   (found from what moved, older than its ninth newest by the key's order: ranking every entry of
    //   the cluster's moved partitions sorted 2,000,000 rows, 7 s when all 200,000 offsets moved, and
    //   finding the partitions read every offset row, 0.65 s when none had).
    // - stored only: the group no longer has it (expired, or reset by an admin), so it goes.
    // Only the groups whose newest read is this snapshot take part: one arriving late (from a worker that
    // lost its lease) moves no offset back and adds no commit in the past. The CTEs touch disjoint rows
    // of "GroupOffset", as one statement must.
    await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
    await tx.$executeRaw`
        WITH x AS MATERIALIZED (
          SELECT g.id AS gid, u.topic, u.partition, u.committed::bigint AS committed, u.lag::bigint AS lag
          FROM unnest(${o.groupIds}::text[], ${o.topics}::text[], ${o.partitions}::int[], ${o.committed}::text[], ${o.lags}::text[])
            AS u("groupId", topic, partition, committed, lag)
          JOIN "ConsumerGroup" g ON g."clusterId" = ${clusterId} AND g."groupId" = u."groupId" AND g."offsetsReadAt" = ${observedAt}::timestamp
        ), stored AS (
          SELECT s.* FROM "GroupOffset" s
          JOIN "ConsumerGroup" g ON g.id = s."consumerGroupId" AND g."clusterId" = ${clusterId} AND g."offsetsReadAt" = ${observedAt}::timestamp
        ), diff AS MATERIALIZED (
          SELECT x.*, s."consumerGroupId" AS "storedGid", s.topic AS "storedTopic", s.partition AS "storedPartition"
          FROM x FULL JOIN stored s ON s."consumerGroupId" = x.gid AND s.topic = x.topic AND s.partition = x.partition
          WHERE s."consumerGroupId" IS NULL OR x.gid IS NULL OR (s.committed <> x.committed AND s."observedAt" < ${observedAt}::timestamp)
        ), written AS (
          INSERT INTO "GroupOffset" ("consumerGroupId", topic, partition, committed, "observedAt")
          SELECT gid, topic, partition, committed, ${observedAt} FROM diff WHERE gid IS NOT NULL
          ON CONFLICT ("consumerGroupId", topic, partition) DO UPDATE SET committed = EXCLUDED.committed, "observedAt" = EXCLUDED."observedAt"
          WHERE "GroupOffset"."observedAt" < EXCLUDED."observedAt"
        ), gone AS (
          DELETE FROM "GroupOffset" s USING diff d
          WHERE d.gid IS NULL AND s."consumerGroupId" = d."storedGid" AND s.topic = d."storedTopic" AND s.partition = d."storedPartition"
        ), pruned AS (
          DELETE FROM "GroupCommitSample" s USING diff d
          WHERE d.gid IS NOT NULL AND s."consumerGroupId" = d.gid AND s.topic = d.topic AND s.partition = d.partition
            AND s."observedAt" < (
              SELECT c."observedAt" FROM "GroupCommitSample" c
              WHERE c."consumerGroupId" = d.gid AND c.topic = d.topic AND c.partition = d.partition
              ORDER BY c."observedAt" DESC OFFSET 8 LIMIT 1)
        )
        INSERT INTO "GroupCommitSample" ("consumerGroupId", topic, partition, "observedAt", committed, lag)
        SELECT gid, topic, partition, ${observedAt}, committed, lag FROM diff WHERE gid IS NOT NULL
        ON CONFLICT DO NOTHING`;
  }, SNAPSHOT_TRANSACTION);
}

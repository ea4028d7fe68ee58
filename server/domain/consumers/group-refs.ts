// What other contexts read of consumer groups: live groups with their stored lag summary, and the
// topics each group has committed offsets for.
import { db } from "@/server/db";
import type { GroupMemberInfo } from "@/server/brokers/kafka";

export interface GroupRef {
  id: string;
  clusterId: string;
  /** group, queue or jetstream */
  kind: string;
  groupId: string;
  lagStatus: string | null;
  totalLag: number | null;
  maxTimeLagSeconds: number | null;
  /** consumers connected now (members of a Kafka group, a queue's or JetStream consumer's clients) */
  memberCount: number;
  /** the broker's own figures (JetStream: maxDeliver, …) */
  details: Record<string, unknown>;
  /** client ids of the current members */
  clientIds: string[];
  /** topics the group has committed offsets for */
  topics: string[];
}

export async function listGroupRefs(f: { clusterIds?: string[]; groupIds?: string[] } = {}): Promise<GroupRef[]> {
  const groups = await db.consumerGroup.findMany({
    where: {
      deletedAt: null,
      ...(f.clusterIds ? { clusterId: { in: f.clusterIds } } : {}),
      ...(f.groupIds ? { groupId: { in: f.groupIds } } : {}),
    },
    orderBy: { groupId: "asc" },
    select: {
      id: true,
      clusterId: true,
      kind: true,
      groupId: true,
      lagStatus: true,
      totalLag: true,
      maxTimeLagSeconds: true,
      members: true,
      memberCount: true,
      details: true,
      offsets: { select: { topic: true }, distinct: ["topic"] },
    },
  });
  return groups.map((g) => ({
    id: g.id,
    clusterId: g.clusterId,
    kind: g.kind,
    groupId: g.groupId,
    lagStatus: g.lagStatus,
    totalLag: g.totalLag === null ? null : Number(g.totalLag),
    maxTimeLagSeconds: g.maxTimeLagSeconds,
    memberCount: g.memberCount,
    details: g.details as Record<string, unknown>,
    clientIds: [...new Set((g.members as unknown as GroupMemberInfo[]).flatMap((m) => (m.clientId ? [m.clientId] : [])))],
    topics: g.offsets.map((o) => o.topic),
  }));
}

/** Per live group and topic it commits for: when a committed offset of it was first seen, and when they were last read. */
export async function committedReads() {
  return db.$queryRaw<{ clusterId: string; topic: string; groupId: string; first: Date; last: Date }[]>`
    SELECT g."clusterId", o.topic, g."groupId", min(o."observedAt") AS first, max(COALESCE(g."offsetsReadAt", o."observedAt")) AS last
    FROM "GroupOffset" o JOIN "ConsumerGroup" g ON g.id = o."consumerGroupId"
    WHERE g."deletedAt" IS NULL
    GROUP BY g."clusterId", o.topic, g."groupId"`;
}

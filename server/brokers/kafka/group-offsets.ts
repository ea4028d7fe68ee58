// A consumer group's position on one topic, and moving it (kafka-consumer-groups --reset-offsets).
// Kafka accepts new committed offsets only from a group with no running members: the domain checks
// first and says so; the broker refuses as well if a member joins in between.
import { withAdmin } from "./client";
import type { ClusterConnection } from "./types";

export interface GroupPosition {
  state: string;
  members: number;
  partitions: { partition: number; committed: bigint | null; low: bigint; high: bigint }[];
}

export async function readGroupPosition(conn: ClusterConnection, groupId: string, topic: string): Promise<GroupPosition> {
  return withAdmin(conn, async (admin) => {
    const [{ groups }, committed, ends] = await Promise.all([
      admin.describeGroups([groupId]),
      admin.fetchOffsets({ groupId, topics: [topic] }),
      admin.fetchTopicOffsets(topic),
    ]);
    const group = groups[0];
    const mine = new Map((committed.find((t) => t.topic === topic)?.partitions ?? []).map((p) => [p.partition, p.offset]));
    return {
      state: group?.state ?? "Dead",
      members: group?.members.length ?? 0,
      partitions: ends
        .map((e) => {
          const c = mine.get(e.partition);
          return {
            partition: e.partition,
            committed: c === undefined || c === "-1" ? null : BigInt(c),
            low: BigInt(e.low),
            high: BigInt(e.high),
          };
        })
        .sort((a, b) => a.partition - b.partition),
    };
  });
}

/** Per partition, the first offset written at or after `at` (the end where nothing was). */
export async function offsetsAtTime(conn: ClusterConnection, topic: string, at: number): Promise<Map<number, bigint>> {
  return withAdmin(conn, async (admin) => {
    const [found, ends] = await Promise.all([admin.fetchTopicOffsetsByTimestamp(topic, at), admin.fetchTopicOffsets(topic)]);
    const high = new Map(ends.map((e) => [e.partition, BigInt(e.high)]));
    return new Map(found.map((f) => [f.partition, f.offset === "-1" ? (high.get(f.partition) ?? 0n) : BigInt(f.offset)]));
  });
}

export async function commitGroupOffsets(
  conn: ClusterConnection,
  groupId: string,
  topic: string,
  partitions: { partition: number; offset: bigint }[],
): Promise<void> {
  await withAdmin(conn, (admin) =>
    admin.setOffsets({ groupId, topic, partitions: partitions.map((p) => ({ partition: p.partition, offset: p.offset.toString() })) }),
  );
}

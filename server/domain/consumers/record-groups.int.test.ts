import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { uniqueName } from "@/test/kafka-helpers";
import { recordGroups } from "./record-groups";

const group = (groupId: string, offsets: { topic: string; partition: number; committed: bigint }[] | null) => ({
  groupId,
  state: "Stable",
  protocolType: "consumer",
  protocol: "RoundRobinAssigner",
  members: [],
  offsets,
});

describe("recordGroups", () => {
  it("keeps a group's offsets when they could not be read this time, and drops them when Kafka no longer has them", async () => {
    const cluster = await db.cluster.create({ data: { name: uniqueName("groups"), bootstrapServers: ["127.0.0.1:1"] } });
    const offsets = async () =>
      (await db.groupOffset.findMany({ where: { group: { clusterId: cluster.id } }, orderBy: { partition: "asc" } })).map((o) => [
        o.partition,
        Number(o.committed),
      ]);

    await recordGroups(
      cluster.id,
      [
        group("g", [
          { topic: "t", partition: 0, committed: 5n },
          { topic: "t", partition: 1, committed: 7n },
        ]),
      ],
      new Date(1_000),
    );
    expect(await offsets()).toEqual([
      [0, 5],
      [1, 7],
    ]);

    // Coordinator loading: offsets unknown, nothing is lost.
    await recordGroups(cluster.id, [group("g", null)], new Date(2_000));
    expect(await offsets()).toEqual([
      [0, 5],
      [1, 7],
    ]);

    // Read again, partition 1's offset expired on the broker.
    await recordGroups(cluster.id, [group("g", [{ topic: "t", partition: 0, committed: 9n }])], new Date(3_000));
    expect(await offsets()).toEqual([[0, 9]]);

    // The group disappears: marked dead, not deleted.
    await recordGroups(cluster.id, [], new Date(4_000));
    expect(await db.consumerGroup.findFirstOrThrow({ where: { clusterId: cluster.id } })).toMatchObject({
      state: "Dead",
      deletedAt: new Date(4_000),
    });
    await db.cluster.delete({ where: { id: cluster.id } });
  });
});

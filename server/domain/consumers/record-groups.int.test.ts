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

  it("writes an offset only when it moves, keeps ten commits per partition, and never moves an offset back", async () => {
    const cluster = await db.cluster.create({ data: { name: uniqueName("commits"), bootstrapServers: ["127.0.0.1:1"] } });
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    const snapshot = (s: number, p0: bigint, p1: bigint) =>
      recordGroups(
        cluster.id,
        [
          group("g", [
            { topic: "t", partition: 0, committed: p0 },
            { topic: "t", partition: 1, committed: p1 },
          ]),
        ],
        at(s),
        [
          { topic: "t", partition: 0, endOffset: 100n },
          { topic: "t", partition: 1, endOffset: 100n },
        ],
      );
    const stored = async () =>
      (await db.groupOffset.findMany({ where: { group: { clusterId: cluster.id } }, orderBy: { partition: "asc" } })).map((o) => ({
        partition: o.partition,
        committed: Number(o.committed),
        observedAt: o.observedAt,
      }));
    const commits = async (partition: number) =>
      (
        await db.groupCommitSample.findMany({
          where: { group: { clusterId: cluster.id }, partition },
          orderBy: { observedAt: "asc" },
        })
      ).map((c) => [c.observedAt.getTime() / 1000 - at(0).getTime() / 1000, Number(c.committed), Number(c.lag)]);

    await snapshot(1, 10n, 20n);
    await snapshot(2, 10n, 25n);
    // Partition 0 did not move: still the row of the snapshot that first saw it; the group was read at 2 s.
    expect(await stored()).toEqual([
      { partition: 0, committed: 10, observedAt: at(1) },
      { partition: 1, committed: 25, observedAt: at(2) },
    ]);
    expect((await db.consumerGroup.findFirstOrThrow({ where: { clusterId: cluster.id } })).offsetsReadAt).toEqual(at(2));
    expect(await commits(0)).toEqual([[1, 10, 90]]);
    expect(await commits(1)).toEqual([
      [1, 20, 80],
      [2, 25, 75],
    ]);

    // A snapshot older than the stored one (a worker that lost its lease) moves nothing back.
    await recordGroups(cluster.id, [group("g", [{ topic: "t", partition: 1, committed: 21n }])], new Date(at(1).getTime() + 500));
    expect((await stored()).map((o) => o.committed)).toEqual([10, 25]);
    expect((await commits(1)).map(([s]) => s)).toEqual([1, 2]);

    // Twelve more commits on partition 1: only the ten newest stay; partition 0 keeps its one.
    for (let s = 3; s <= 14; s++) await snapshot(s, 10n, BigInt(25 + s));
    const window = await commits(1);
    expect(window.map(([s]) => s)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(await commits(0)).toEqual([[1, 10, 90]]);
    await db.cluster.delete({ where: { id: cluster.id } });
  });
});

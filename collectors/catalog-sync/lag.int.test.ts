import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { getGroup, listGroups } from "@/server/domain/consumers";
import { createTestCluster } from "@/test/catalog-helpers";
import { describeGroupWithKafkaCli } from "@/test/kafka-cli";
import { commitOffsets, createTopic, produce, testBrokers, testKafka, startConsumer, uniqueName } from "@/test/kafka-helpers";
import { syncCluster } from "./sync-cluster";

describe("consumer lag", () => {
  it("equals what Kafka's kafka-consumer-groups.sh prints for the same group", async () => {
    const cluster = await createTestCluster();
    const orders = uniqueName("orders");
    const payments = uniqueName("payments");
    const group = uniqueName("billing");
    await createTopic(orders, 3);
    await createTopic(payments, 2);
    await produce(orders, { 0: 10, 1: 4, 2: 7 });
    await produce(payments, { 0: 3, 1: 0 });
    await commitOffsets(group, orders, { 0: 10, 1: 1, 2: 0 });
    await commitOffsets(group, payments, { 0: 2 });

    await syncCluster(cluster, { withConfigs: false });
    const cli = describeGroupWithKafkaCli(testBrokers(), group);
    const { items } = await listGroups({ clusterId: cluster.id, search: group });
    const ours = await getGroup(items[0]!.id);

    expect(cli.length).toBeGreaterThan(0);
    expect(
      ours.partitions
        .filter((p) => p.committed !== null)
        .map((p) => ({ topic: p.topic, partition: p.partition, currentOffset: p.committed, logEndOffset: p.endOffset, lag: p.lag })),
    ).toEqual(cli.filter((p) => p.currentOffset !== null));
    expect(ours.totalLag).toBe(cli.reduce((s, p) => s + (p.lag ?? 0), 0));
    expect(items[0]!.totalLag).toBe(ours.totalLag);
  });

  it("gives time lag in seconds from the persisted log-end samples, and zero once caught up", async () => {
    const cluster = await createTestCluster();
    const topic = uniqueName("inventory");
    const group = uniqueName("slow");
    await createTopic(topic, 1);
    await produce(topic, { 0: 5 });
    await commitOffsets(group, topic, { 0: 5 });
    await syncCluster(cluster, { withConfigs: false }); // end = 5 at t0; the group is caught up
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 1_500));
    await produce(topic, { 0: 5 });
    await syncCluster(cluster, { withConfigs: false }); // end = 10 at t1; the group still at 5
    await new Promise((r) => setTimeout(r, 1_000));
    await syncCluster(cluster, { withConfigs: false }); // end = 10 at t2 (flat)

    const { items } = await listGroups({ clusterId: cluster.id, search: group });
    const lagged = await getGroup(items[0]!.id);
    const p = lagged.partitions[0]!;
    expect(p).toMatchObject({ committed: 5, endOffset: 10, lag: 5, timeLagMethod: "interpolated" });
    // The end was last at 5 at the first sync: the lag is the time since then, as of the last sync.
    const sinceFirst = (lagged.observedAt!.getTime() - t0) / 1000;
    expect(p.timeLagSeconds!).toBeGreaterThan(2);
    expect(p.timeLagSeconds!).toBeLessThanOrEqual(sinceFirst + 0.5);

    await commitOffsets(group, topic, { 0: 10 });
    await syncCluster(cluster, { withConfigs: false });
    const caughtUp = await getGroup(items[0]!.id);
    expect(caughtUp.partitions[0]).toMatchObject({ lag: 0, timeLagSeconds: 0, timeLagMethod: "zero" });
    expect(caughtUp.maxTimeLagSeconds).toBe(0);
  });

  it("shows the owner of each partition for a running consumer", async () => {
    const cluster = await createTestCluster();
    const topic = uniqueName("shipping");
    const group = uniqueName("shippers");
    await createTopic(topic, 2);
    await produce(topic, { 0: 3, 1: 3 });
    const consumer = await startConsumer(group, topic);
    try {
      await expect.poll(consumer.seen, { timeout: 30_000 }).toBe(6);
      await expect
        .poll(
          async () => {
            await syncCluster(cluster, { withConfigs: false });
            const { items } = await listGroups({ clusterId: cluster.id, search: group });
            return items[0] ? (await getGroup(items[0].id)).partitions.map((p) => [p.partition, p.owner?.clientId ?? null, p.lag]) : [];
          },
          { timeout: 30_000, interval: 500 },
        )
        .toEqual([
          [0, "eventplane-test", 0],
          [1, "eventplane-test", 0],
        ]);
    } finally {
      await consumer.stop();
    }
  });

  it("evaluates Burrow-style status from the persisted window: WARN while falling behind, STOP once it stops, REWIND when reset back", async () => {
    const cluster = await createTestCluster();
    const topic = uniqueName("status");
    const group = uniqueName("laggard");
    await createTopic(topic, 1);
    const sync = () => syncCluster(cluster, { withConfigs: false });
    const status = async (minIdleMs: number) => {
      const { items } = await listGroups({ clusterId: cluster.id, search: group });
      const g = await getGroup(items[0]!.id, { minIdleMs });
      return { group: g.status, partition: g.partitions[0]!.status };
    };

    // Moving, but each time further behind.
    const seenAt: number[] = [];
    for (const committed of [2, 4, 6]) {
      await produce(topic, { 0: 10 });
      await commitOffsets(group, topic, { 0: committed });
      await sync();
      seenAt.push(Date.now());
    }
    expect(await status(60_000)).toEqual({ group: "WARN", partition: "WARN" });
    // Falling behind: it consumes, but slower than the producers, so it never drains.
    const behind = await getGroup((await listGroups({ clusterId: cluster.id, search: group })).items[0]!.id);
    expect(behind.consumeRate).toBeGreaterThan(0);
    expect(behind.partitions[0]!.produceRate).toBeGreaterThan(behind.partitions[0]!.consumeRate!);
    expect(behind.secondsToDrain).toBeNull();

    // Stops: the offset stands still behind the log end for longer than the window spans.
    await new Promise((r) => setTimeout(r, seenAt[2]! - seenAt[0]! + 1_500));
    await sync();
    expect(await status(1_000)).toEqual({ group: "ERR", partition: "STOP" });

    // An admin resets the group back to 1: the offset went backwards.
    await commitOffsets(group, topic, { 0: 1 });
    await sync();
    expect(await status(60_000)).toEqual({ group: "ERR", partition: "REWIND" });

    // Caught up: OK whatever the history.
    await commitOffsets(group, topic, { 0: 30 });
    await sync();
    expect(await status(1_000)).toEqual({ group: "OK", partition: "OK" });
    expect((await getGroup((await listGroups({ clusterId: cluster.id, search: group })).items[0]!.id)).secondsToDrain).toBe(0);
  });
});

describe("last stable offset", () => {
  it(
    "shows where read_committed consumers stop while a transaction is open, and nothing once it commits",
    { timeout: 60_000 },
    async () => {
      const cluster = await createTestCluster();
      const topic = uniqueName("ledger");
      const group = uniqueName("auditor");
      await createTopic(topic, 1);
      await produce(topic, { 0: 4 });
      await commitOffsets(group, topic, { 0: 1 });
      const producer = testKafka().producer({ transactionalId: uniqueName("tx"), idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      const tx = await producer.transaction();
      await tx.send({ topic, messages: [{ value: "a" }, { value: "b" }, { value: "c" }] });
      try {
        await syncCluster(cluster, { withConfigs: false });
        const row = await db.topicPartition.findFirstOrThrow({ where: { topic: { clusterId: cluster.id, name: topic } } });
        // Three uncommitted records past the four committed ones: the log end moved, the stable offset did not.
        expect([Number(row.endOffset), Number(row.stableOffset)]).toEqual([7, 4]);
        const { items } = await listGroups({ clusterId: cluster.id, search: group });
        const open = await getGroup(items[0]!.id);
        expect(open.partitions.map((p) => [p.endOffset, p.stableOffset, p.lag])).toEqual([[7, 4, 6]]);
        await tx.commit();
        // The commit returns before the coordinator has written its marker to the partition, and the
        // broker moves the stable offset a moment after the marker lands: sync until the partition has
        // settled (stable offset no longer behind), then say where it settled.
        const deadline = Date.now() + 20_000;
        await syncCluster(cluster, { withConfigs: false });
        let committed = await getGroup(items[0]!.id);
        const settled = () => committed.partitions[0]!.endOffset === 8 && committed.partitions[0]!.stableOffset === null;
        while (!settled() && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 300));
          await syncCluster(cluster, { withConfigs: false });
          committed = await getGroup(items[0]!.id);
        }
        // The commit marker takes one offset: the log end and the stable offset meet at 8.
        expect(committed.partitions.map((p) => [p.endOffset, p.stableOffset])).toEqual([[8, null]]);
      } finally {
        await producer.disconnect();
      }
    },
  );
});

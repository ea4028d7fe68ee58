import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { groupsReadingTopic, listGroups } from "@/server/domain/consumers";
import { getTopic, listTopics, updateTopicMetadata } from "@/server/domain/topics";
import { createTestCluster, topicRow } from "@/test/catalog-helpers";
import { commitOffsets, createTopic, deleteTopic, produce, startConsumer, uniqueName } from "@/test/kafka-helpers";
import { syncCluster } from "./sync-cluster";
import { testAdmin } from "@/test/actors";

describe("catalog sync against a real broker", () => {
  it("records topics, partitions, offsets, configs and consumer groups as Kafka reports them", async () => {
    const cluster = await createTestCluster();
    const topic = uniqueName("orders");
    const group = uniqueName("billing");
    await createTopic(topic, 3, { "retention.ms": "3600000", "cleanup.policy": "compact" });
    await produce(topic, { 0: 5, 1: 7, 2: 0 });
    await commitOffsets(group, topic, { 0: 5, 1: 3 });

    const result = await syncCluster(cluster, { withConfigs: true });
    expect(result.ok).toBe(true);

    const row = await topicRow(cluster.id, topic);
    expect(row).toMatchObject({ partitionCount: 3, replicationFactor: 1, internal: false, deletedAt: null });
    expect(row!.partitions.map((p) => [p.partition, Number(p.startOffset), Number(p.endOffset), p.leader, p.isr])).toEqual([
      [0, 0, 5, 1, [1]],
      [1, 0, 7, 1, [1]],
      [2, 0, 0, 1, [1]],
    ]);
    expect(Number(row!.messageCount)).toBe(12);

    const detail = await getTopic(row!.id);
    const retention = detail.configs.find((c) => c.name === "retention.ms");
    expect(retention).toMatchObject({ value: "3600000", isDefault: false });
    expect(detail.configs.find((c) => c.name === "cleanup.policy")).toMatchObject({ value: "compact", isDefault: false });
    expect(detail.configs.find((c) => c.name === "max.message.bytes")?.isDefault).toBe(true);

    const readers = await groupsReadingTopic(cluster.id, topic);
    expect(readers.map((g) => g.groupId)).toEqual([group]);
    expect(readers[0]!.committed).toEqual([
      { partition: 0, committed: 5 },
      { partition: 1, committed: 3 },
    ]);

    const internal = await topicRow(cluster.id, "__consumer_offsets");
    expect(internal?.internal).toBe(true);
    expect(row!.deadLetter).toBe(false);

    const cl = await db.cluster.findUniqueOrThrow({ where: { id: cluster.id } });
    expect(cl.status).toBe("OK");
    expect((await db.broker.findMany({ where: { clusterId: cluster.id } })).map((b) => b.nodeId)).toEqual([1]);
  });

  it("sees a running consumer as a member with its client id, host and assignment", async () => {
    const cluster = await createTestCluster();
    const topic = uniqueName("payments");
    const group = uniqueName("shipping");
    await createTopic(topic, 2);
    await produce(topic, { 0: 2, 1: 2 });
    const consumer = await startConsumer(group, topic);
    try {
      await expect.poll(consumer.seen, { timeout: 30_000 }).toBe(4);
      await expect
        .poll(
          async () => {
            await syncCluster(cluster, { withConfigs: false });
            const { items } = await listGroups({ clusterId: cluster.id, search: group });
            return items[0]?.state;
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBe("Stable");
      const [g] = await groupsReadingTopic(cluster.id, topic);
      expect(g!.consumers).toEqual([
        { clientId: "eventplane-test", host: expect.stringMatching(/127\.0\.0\.1|localhost/), partitions: [0, 1] },
      ]);
    } finally {
      await consumer.stop();
    }
  });

  it("computes the message rate from the offset delta between two syncs", async () => {
    const cluster = await createTestCluster();
    const topic = uniqueName("inventory");
    await createTopic(topic, 1);
    await syncCluster(cluster, { withConfigs: false });
    const before = await topicRow(cluster.id, topic);
    await produce(topic, { 0: 50 });
    await new Promise((r) => setTimeout(r, 1_000));
    await syncCluster(cluster, { withConfigs: false });
    const after = await topicRow(cluster.id, topic);
    const seconds = (after!.rateSampledAt!.getTime() - before!.rateSampledAt!.getTime()) / 1000;
    expect(after!.messagesPerSec).toBeCloseTo(50 / seconds, 5);
  });

  it("keeps owner, description and tags across re-syncs, and marks a topic deleted on the broker instead of dropping it", async () => {
    const cluster = await createTestCluster();
    const topic = uniqueName("notifications");
    await createTopic(topic, 1);
    await syncCluster(cluster, { withConfigs: false });
    const row = await topicRow(cluster.id, topic);
    await updateTopicMetadata(testAdmin, { id: row!.id, ownerTeam: "growth", description: "# Notifications", tags: ["email"] });

    await syncCluster(cluster, { withConfigs: true });
    expect(await topicRow(cluster.id, topic)).toMatchObject({
      ownerTeam: "growth",
      description: "# Notifications",
      tags: ["email"],
      deletedAt: null,
    });

    await deleteTopic(topic);
    await expect
      .poll(
        async () => {
          await syncCluster(cluster, { withConfigs: false });
          return (await topicRow(cluster.id, topic))?.deletedAt;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBeInstanceOf(Date);
    expect(await topicRow(cluster.id, topic)).toMatchObject({ id: row!.id, ownerTeam: "growth", tags: ["email"] });
  });

  it("is idempotent: replaying the same snapshot twice leaves the same rows", async () => {
    const cluster = await createTestCluster();
    const topic = uniqueName("replay");
    await createTopic(topic, 2);
    await produce(topic, { 0: 3 });
    await syncCluster(cluster, { withConfigs: true });
    // Internal topics (__consumer_offsets) change between two syncs whenever any group joins or
    // leaves; the user's topics must come out the same. Partitions in a fixed order: an UPDATE moves rows.
    const read = () =>
      db.topic.findMany({
        where: { clusterId: cluster.id, internal: false },
        include: { partitions: { orderBy: { partition: "asc" } } },
        orderBy: { name: "asc" },
      });
    const first = await read();
    await syncCluster(cluster, { withConfigs: true });
    const second = await read();
    const strip = (rows: typeof first) => rows.map(({ lastSeenAt: _a, rateSampledAt: _b, messagesPerSec: _c, ...rest }) => rest);
    expect(strip(second)).toEqual(strip(first));
  });

  it("marks dead-letter queues by name, and lists them on their own", async () => {
    const cluster = await createTestCluster();
    const plain = uniqueName("orders");
    const dlq = `${plain}.DLQ`;
    await createTopic(plain, 1);
    await createTopic(dlq, 1);
    await syncCluster(cluster, { withConfigs: false });
    expect((await topicRow(cluster.id, dlq))?.deadLetter).toBe(true);
    expect((await topicRow(cluster.id, plain))?.deadLetter).toBe(false);
    // The broker is shared with other tests, whose dead-letter topics are listed too: look at ours.
    const { items } = await listTopics({ clusterId: cluster.id, deadLetterOnly: true, includeInternal: true });
    const names = items.map((t) => t.name);
    expect(names).toContain(dlq);
    expect(names).not.toContain(plain);
  });
});

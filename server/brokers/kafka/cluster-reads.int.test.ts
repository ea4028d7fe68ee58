import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultCacheDir, ensureKafkaJars } from "@/scripts/lib/kafka-broker";
import { startKafkaCluster, type KafkaCluster } from "@/scripts/lib/kafka-cluster";
import { commitWithoutMembers } from "@/scripts/bench/standalone-commits";
import { createInternalCluster } from "./internal-cluster";
import { batchedOffsets } from "./list-offsets";
import { readGroups, readGroupsByCoordinator } from "./read-groups";
import type { GroupInfo } from "./types";

// Offsets are asked of each partition's leader, and groups of their coordinator: only a cluster of more
// than one broker shows whether every request went to the right one (a broker refuses a partition it
// does not lead, and a group it does not coordinate).
describe("reads of a cluster of two brokers", () => {
  const dir = mkdtempSync(join(tmpdir(), "eventplane-offsets-"));
  chmodSync(dir, 0o755);
  let cluster: KafkaCluster | undefined;
  let kafka: Kafka;
  beforeAll(async () => {
    cluster = await startKafkaCluster({ libs: ensureKafkaJars(defaultCacheDir(process.env.EVENTPLANE_CACHE_DIR)), dataDir: dir, nodes: 2 });
    kafka = new Kafka({ clientId: "offsets-test", brokers: cluster.brokers.split(","), logLevel: logLevel.NOTHING });
  });
  afterAll(async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("equals the public per-topic answer, tells the log end from the last stable offset, and survives stale leaders", async () => {
    const admin = kafka.admin();
    await admin.connect();
    const topics = { orders: 6, payments: 3 };
    await admin.createTopics({
      topics: Object.entries(topics).map(([topic, numPartitions]) => ({ topic, numPartitions })),
      waitForLeaders: true,
    });
    const producer = kafka.producer({ retry: { retries: 20 } });
    await producer.connect();
    await producer.sendBatch({
      topicMessages: Object.entries(topics).map(([topic, n]) => ({
        topic,
        // Partition p holds p + 1 records (orders) or 2p + 2 (payments): every answer differs.
        messages: Array.from({ length: n }, (_, p) =>
          Array.from({ length: topic === "orders" ? p + 1 : 2 * p + 2 }, () => ({ partition: p, value: "x" })),
        ).flat(),
      })),
    });
    await producer.disconnect();
    // kafkajs's admin asks a partition's leader only once its metadata names that broker.
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics: Object.keys(topics) });
    await admin.deleteTopicRecords({ topic: "orders", partitions: [{ partition: 4, offset: "3" }] });
    // An open transaction holds payments/1's last stable offset below its log end.
    const tx = kafka.producer({ transactionalId: "offsets-test-tx", idempotent: true, maxInFlightRequests: 1 });
    await tx.connect();
    const open = await tx.transaction();
    await open.send({
      topic: "payments",
      messages: [
        { partition: 1, value: "pending" },
        { partition: 1, value: "pending" },
      ],
    });

    try {
      const leaders = new Set(metadata.flatMap((t) => t.partitions.map((p) => p.leader)));
      expect(leaders.size).toBe(2);
      const got = await batchedOffsets(
        kafka,
        metadata.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partition: p.partitionId, leader: p.leader })) })),
      );
      expect(got).not.toBeNull();
      for (const topic of Object.keys(topics)) {
        const expected = (await admin.fetchTopicOffsets(topic)).map((o) => ({ partition: o.partition, low: o.low, high: o.high }));
        const mine = [...got!.get(topic)!].sort((a, b) => a.partition - b.partition);
        // kafkajs's public call reads committed records only: its "high" is the last stable offset.
        expect(mine.map(({ partition, low, stable }) => ({ partition, low, high: stable }))).toEqual(
          expected.sort((a, b) => a.partition - b.partition),
        );
      }
      expect(got!.get("orders")!.find((o) => o.partition === 4)).toEqual({ partition: 4, low: "3", high: "5", stable: "5" });
      // payments/1: 4 committed records, then the open transaction's 2 (log end 6, stable 4).
      expect(got!.get("payments")!.find((o) => o.partition === 1)).toEqual({ partition: 1, low: "0", high: "6", stable: "4" });

      // Metadata read before a leader moved: every partition named with the other broker. Each refused
      // request is asked again of the leaders read afresh, and the answer is the same.
      const ids = [...leaders];
      const stale = metadata.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({ partition: p.partitionId, leader: ids.find((id) => id !== p.leader)! })),
      }));
      const reread: string[][] = [];
      const retried = await batchedOffsets(kafka, stale, async (names) => {
        reread.push([...names].sort());
        const fresh = await admin.fetchTopicMetadata({ topics: names });
        return fresh.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p) => ({ partition: p.partitionId, leader: p.leader })),
        }));
      });
      expect(reread).toEqual([Object.keys(topics).sort()]);
      for (const topic of Object.keys(topics)) {
        expect([...retried!.get(topic)!].sort((a, b) => a.partition - b.partition)).toEqual(
          [...got!.get(topic)!].sort((a, b) => a.partition - b.partition),
        );
      }
      // Without a way to read the leaders again, the refusal reaches the caller (which falls back).
      await expect(batchedOffsets(kafka, stale)).rejects.toThrow();
    } finally {
      await open.abort();
      await tx.disconnect();
      await admin.disconnect();
    }
  });

  it("reads each group of its coordinator: state, members, assignments and committed offsets", async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: "events", numPartitions: 4 }], waitForLeaders: true });
    const groupIds = Array.from({ length: 12 }, (_, i) => `reader-${i}`);
    // Group i has committed i + p on partition p, and nothing on partition 3.
    await commitWithoutMembers(
      kafka,
      groupIds.map((groupId, i) => ({
        groupId,
        topic: "events",
        partitions: [0, 1, 2].map((p) => ({ partition: p, offset: String(i + p) })),
      })),
    );
    const consumer = kafka.consumer({ groupId: "live-reader" });
    await consumer.connect();
    await consumer.subscribe({ topic: "events" });
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
    await consumer.run({ eachMessage: async () => undefined });
    try {
      while (!joined) await new Promise((r) => setTimeout(r, 100));
      // Both brokers coordinate some of the groups, so each request had to go to the right one.
      const internal = createInternalCluster<{
        connect(): Promise<void>;
        disconnect(): Promise<void>;
        refreshMetadata(): Promise<void>;
        getNodeIds(): string[];
        findBroker(r: { nodeId: string }): Promise<{ listGroups(): Promise<{ groups: unknown[] }> }>;
      }>(kafka, 0)!;
      await internal.connect();
      await internal.refreshMetadata();
      const counts = await Promise.all(
        internal.getNodeIds().map(async (nodeId) => (await (await internal.findBroker({ nodeId })).listGroups()).groups.length),
      );
      await internal.disconnect();
      expect(counts.filter((n) => n > 0).length).toBe(2);
      // Offsets come in the broker's order; groups in the brokers' order.
      const sorted = (gs: GroupInfo[] | null) =>
        [...gs!]
          .map((g) => ({ ...g, offsets: [...g.offsets!].sort((a, b) => a.partition - b.partition) }))
          .sort((a, b) => a.groupId.localeCompare(b.groupId));
      const mine = sorted(await readGroupsByCoordinator(kafka));
      const byId = new Map(mine.map((g) => [g.groupId, g]));
      groupIds.forEach((groupId, i) =>
        expect(byId.get(groupId)).toMatchObject({
          state: "Empty",
          members: [],
          offsets: [0, 1, 2].map((p) => ({ topic: "events", partition: p, committed: BigInt(i + p) })),
        }),
      );
      const live = byId.get("live-reader")!;
      expect(live.state).toBe("Stable");
      expect(live.members.map((m) => m.assignments)).toEqual([[{ topic: "events", partitions: [0, 1, 2, 3] }]]);
      // The same as kafkajs's admin, which finds each group's coordinator first (the fallback).
      expect(mine).toEqual(sorted(await readGroups(kafka, admin, { byCoordinator: false })));
    } finally {
      await consumer.disconnect();
      await admin.disconnect();
    }
  });
});

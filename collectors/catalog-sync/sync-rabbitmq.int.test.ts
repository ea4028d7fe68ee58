import type { Channel, ChannelModel } from "amqplib";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { addCluster, listClusterTargets } from "@/server/domain/connections";
import { brokerBacklogMetrics, listGroups } from "@/server/domain/consumers";
import { listTopicRefs } from "@/server/domain/topics";
import { readDeadLetters } from "@/server/domain/dead-letters";
import { testAdmin } from "@/test/actors";
import { uniqueName } from "@/test/kafka-helpers";
import { rabbitConnect, rabbitConnectionInput, rabbitManagement, rabbitQueueCounts } from "@/test/rabbitmq";
import { syncCluster } from "./sync-cluster";

const open: ChannelModel[] = [];
afterAll(async () => {
  for (const c of open) await c.close().catch(() => undefined);
});

async function addRabbit() {
  const { id } = await addCluster(testAdmin, rabbitConnectionInput(uniqueName("rabbit")));
  const target = (await listClusterTargets()).find((t) => t.id === id);
  if (target?.kind !== "rabbitmq") throw new Error("the RabbitMQ connection was not listed as one");
  return target;
}

/** The management API publishes queue figures every few seconds: wait until it agrees with rabbitmqctl. */
async function settled(cluster: Awaited<ReturnType<typeof addRabbit>>, queues: string[]) {
  for (;;) {
    const truth = rabbitQueueCounts();
    const r = await syncCluster(cluster, { withConfigs: true });
    expect(r.ok).toBe(true);
    const groups = await db.consumerGroup.findMany({ where: { clusterId: cluster.id, groupId: { in: queues } } });
    const agrees = queues.every((q) => {
      const g = groups.find((x) => x.groupId === q);
      const t = truth.get(q);
      const d = (g?.details ?? {}) as { ready?: number; unacked?: number };
      return g && t && d.ready === t[0] && d.unacked === t[1];
    });
    if (agrees && JSON.stringify([...rabbitQueueCounts()]) === JSON.stringify([...truth])) return { truth, groups };
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe("RabbitMQ: catalog, backlog and dead-letter queues from a real broker", () => {
  it("records exchanges, queues (DLQ by dead-letter exchange) and each queue's backlog as rabbitmqctl counts it", async () => {
    const cluster = await addRabbit();
    const work = uniqueName("emails");
    const dlx = `${work}.dlx`;
    const dead = `${work}.parked`; // not DLQ-like by name: only the dead-letter exchange makes it one
    const conn = await rabbitConnect();
    open.push(conn);
    const ch: Channel = await conn.createChannel();
    await ch.assertExchange(dlx, "fanout", { durable: true });
    await ch.assertQueue(dead, { durable: true });
    await ch.bindQueue(dead, dlx, "");
    await ch.assertQueue(work, { durable: true, arguments: { "x-dead-letter-exchange": dlx } });
    for (let i = 0; i < 6; i++) ch.sendToQueue(work, Buffer.from(JSON.stringify({ n: i })), { persistent: true, headers: { attempt: 1 } });

    // A consumer holding two messages unacknowledged; one rejected without requeue dead-letters.
    const consumer = await conn.createChannel();
    await consumer.prefetch(2);
    let rejected = false;
    await consumer.consume(work, (msg) => {
      if (msg && !rejected) {
        rejected = true;
        consumer.nack(msg, false, false);
      }
    });

    // The broker's own count first: one rejected into the dead-letter queue, two held by the consumer.
    await expect
      .poll(
        () => {
          const c = rabbitQueueCounts();
          return [c.get(work), c.get(dead)];
        },
        { timeout: 30_000 },
      )
      .toEqual([
        [3, 2],
        [1, 0],
      ]);
    const { truth, groups } = await settled(cluster, [work, dead]);
    expect(truth.get(work)).toEqual([3, 2]);
    expect(truth.get(dead)).toEqual([1, 0]);

    const g = groups.find((x) => x.groupId === work)!;
    expect(g).toMatchObject({ kind: "queue", memberCount: 1, totalLag: 5n, lagStatus: expect.any(String) });
    const parked = groups.find((x) => x.groupId === dead)!;
    expect(parked).toMatchObject({ kind: "queue", memberCount: 0, totalLag: 1n, lagStatus: "ERR" });
    expect((parked.details as { reason: string }).reason).toBe("no consumers");

    const topics = await listTopicRefs({ clusterIds: [cluster.id] });
    const byName = new Map(topics.map((t) => [t.name, t]));
    expect(byName.get(work)).toMatchObject({ deadLetter: false, messageCount: 5n });
    expect(byName.get(dead)).toMatchObject({ deadLetter: true, messageCount: 1n });
    const rows = await db.topic.findMany({ where: { clusterId: cluster.id, name: { in: [work, dead, dlx] } } });
    expect(Object.fromEntries(rows.map((r) => [r.name, [r.kind, r.namespace]]))).toEqual({
      [work]: ["queue", "/"],
      [dead]: ["queue", "/"],
      [dlx]: ["exchange", "/"],
    });
    expect((rows.find((r) => r.name === work)!.details as { deadLetterExchange: string }).deadLetterExchange).toBe(dlx);
    expect((rows.find((r) => r.name === dead)!.details as { boundFrom: unknown }).boundFrom).toEqual([{ exchange: dlx, routingKey: "" }]);
    expect((rows.find((r) => r.name === dlx)!.details as { routes: unknown }).routes).toEqual([{ queue: dead, routingKey: "" }]);

    // The one consumer model: the queue is listed with Kafka's groups, its backlog as its lag.
    const listed = await listGroups({ clusterId: cluster.id, search: work });
    expect(listed.items.find((i) => i.groupId === work)).toMatchObject({ totalLag: 5 });
    // The dead letter, read without taking it (the broker requeues it), its x-death normalised.
    const letters = await readDeadLetters(testAdmin, byName.get(dead)!.id);
    expect(letters.records).toHaveLength(1);
    expect(letters.records[0]).toMatchObject({ family: "rabbitmq", originalTopic: work, exceptionClass: "rejected" });
    expect(letters.records[0]!.exceptionMessage).toContain(`rejected 1× in ${work}`);
    expect(letters.records[0]!.key).toBe(work); // the routing key it was published with
    expect(rabbitQueueCounts().get(dead)).toEqual([1, 0]);

    // /metrics: eventplane_queue_messages_ready / _unacked carry rabbitmqctl's numbers.
    const metric = (await brokerBacklogMetrics()).find((m) => m.kind === "queue" && m.name === work && m.connection === cluster.name);
    expect(metric).toMatchObject({ scope: "/", waiting: truth.get(work)![0], inFlight: truth.get(work)![1] });
    const stored = await db.cluster.findUniqueOrThrow({ where: { id: cluster.id } });
    expect(stored).toMatchObject({ kind: "rabbitmq", status: "OK" });
  });

  it("refuses to save a connection whose credentials the broker rejects, saying so", async () => {
    const m = rabbitManagement();
    await expect(
      addCluster(testAdmin, {
        name: uniqueName("rabbit-bad"),
        kind: "rabbitmq",
        bootstrapServers: m.origin,
        saslUsername: m.username,
        saslPassword: "wrong",
      }),
    ).rejects.toThrow(/authentication failed/);
  });
});

// RabbitMQ redrive on a real broker: letters are named by identity (a queue has no offsets), moved
// back to the queue they died in (not to every queue of the exchange they first came through),
// taken off the DLQ only once the target confirmed them, never sent twice, refused where the actor
// may not produce, and left in place when the broker cannot route them.
import type { Channel, ChannelModel } from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncCluster } from "@/collectors/catalog-sync/sync-cluster";
import { db } from "@/server/db";
import { addCluster, listClusterTargets } from "@/server/domain/connections";
import { testActor, testAdmin } from "@/test/actors";
import { uniqueName } from "@/test/kafka-helpers";
import { rabbitConnect, rabbitConnectionInput, rabbitQueueCounts } from "@/test/rabbitmq";
import { readDeadLetters } from "./read-dead-letters";
import { redrive } from "./redrive";

const work = uniqueName("emails");
const audit = `${work}.audit`; // bound to the same exchange: it handled every message fine
const parked = `${work}.parked`;
const exchange = `${work}.x`;
let conn: ChannelModel;
let ch: Channel;
let dlqId = "";
let clusterId = "";

const counts = () => {
  const c = rabbitQueueCounts();
  return { work: c.get(work), audit: c.get(audit), parked: c.get(parked) };
};

beforeAll(async () => {
  ({ id: clusterId } = await addCluster(testAdmin, rabbitConnectionInput(uniqueName("rabbit-redrive"))));
  conn = await rabbitConnect();
  ch = await conn.createChannel();
  await ch.assertExchange(exchange, "fanout", { durable: true });
  await ch.assertExchange(`${work}.dlx`, "fanout", { durable: true });
  await ch.assertQueue(parked, { durable: true });
  await ch.bindQueue(parked, `${work}.dlx`, "");
  await ch.assertQueue(work, { durable: true, arguments: { "x-dead-letter-exchange": `${work}.dlx` } });
  await ch.assertQueue(audit, { durable: true });
  await ch.bindQueue(work, exchange, "");
  await ch.bindQueue(audit, exchange, "");
  for (let i = 0; i < 3; i++)
    ch.publish(exchange, "email.send", Buffer.from(JSON.stringify({ n: i })), {
      persistent: true,
      contentType: "application/json",
      messageId: `m-${i}`,
      headers: { tenant: "acme" },
    });
  // The work queue's consumer rejects all three: they die into the parked queue.
  const rejecter = await conn.createChannel();
  const { consumerTag } = await rejecter.consume(work, (msg) => msg && rejecter.nack(msg, false, false));
  while (JSON.stringify(counts()) !== JSON.stringify({ work: [0, 0], audit: [3, 0], parked: [3, 0] }))
    await new Promise((r) => setTimeout(r, 200));
  await rejecter.cancel(consumerTag);
  await rejecter.close();

  const target = (await listClusterTargets()).find((t) => t.id === clusterId)!;
  expect((await syncCluster(target, { withConfigs: false })).ok).toBe(true);
  const owner = (name: string, team: string) => db.topic.updateMany({ where: { clusterId, name }, data: { ownerTeam: team } });
  await owner(work, "notifications");
  await owner(parked, "notifications");
  dlqId = (await db.topic.findFirstOrThrow({ where: { clusterId, name: parked } })).id;
});

afterAll(async () => {
  await conn?.close().catch(() => undefined);
});

describe("RabbitMQ redrive", () => {
  it("reads letters with identities that stay the same from read to read, leaving the queue as it was", async () => {
    const first = await readDeadLetters(testAdmin, dlqId);
    const second = await readDeadLetters(testAdmin, dlqId);
    expect(first.topic).toMatchObject({ broker: "rabbitmq", canRedrive: true });
    expect(first.records.map((r) => r.id)).toHaveLength(3);
    expect(new Set(first.records.map((r) => r.id)).size).toBe(3);
    expect(second.records.map((r) => r.id).sort()).toEqual(first.records.map((r) => r.id).sort());
    expect(first.records[0]).toMatchObject({ family: "rabbitmq", originalTopic: work, exceptionClass: "rejected" });
    expect(counts().parked).toEqual([3, 0]);
  });

  it("refuses targets the actor may not produce into, and readers who may not read the DLQ", async () => {
    const { records } = await readDeadLetters(testAdmin, dlqId);
    const pick = records.map((r) => ({ partition: 0, offset: r.offset, id: r.id! }));
    const outsider = testActor("editor", ["growth"], "growth-editor");
    await expect(redrive({ topicId: dlqId, records: pick, dryRun: true }, outsider)).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A viewer of the owning team may read the letters but not send them anywhere.
    const viewer = testActor("viewer", ["notifications"], "notifications-viewer");
    const plan = await redrive({ topicId: dlqId, records: pick, dryRun: true }, viewer);
    expect(plan.plan.map((p) => p.skipped)).toEqual(pick.map(() => expect.stringContaining(`may not produce into "${work}"`)));
  });

  it("moves the chosen letters back to the queue they died in, once, and nowhere else", async () => {
    const { records } = await readDeadLetters(testAdmin, dlqId);
    const chosen = records.slice(0, 2).map((r) => ({ partition: 0, offset: r.offset, id: r.id! }));
    const editor = testActor("editor", ["notifications"], "notifications-editor");

    const dry = await redrive({ topicId: dlqId, records: chosen, dryRun: true }, editor);
    expect(dry.plan.map((p) => [p.id, p.targetTopic, p.skipped])).toEqual(chosen.map((c) => [c.id, work, null]));
    expect(counts().parked).toEqual([3, 0]);

    const done = await redrive({ topicId: dlqId, records: chosen, dryRun: false }, editor);
    expect(done.sent).toBe(2);
    // Two letters left the DLQ for the work queue; the queue that handled them fine got nothing more.
    expect(counts()).toEqual({ work: [2, 0], audit: [3, 0], parked: [1, 0] });
    const back = [await ch.get(work, { noAck: true }), await ch.get(work, { noAck: true })];
    for (const m of back) {
      if (!m) throw new Error("the work queue should hold the redriven letters");
      expect(m.properties).toMatchObject({ contentType: "application/json", messageId: expect.stringMatching(/^m-\d$/) });
      expect(m.properties.headers).toMatchObject({
        tenant: "acme",
        "x-redrive-by": "notifications-editor",
        "x-redrive-routing-key": "email.send",
      });
      expect(m.properties.headers?.["x-death"]).toBeUndefined();
      expect(JSON.parse(m.content.toString())).toHaveProperty("n");
    }
    expect(await db.redrive.count({ where: { dlqTopicId: dlqId, status: "moved" } })).toBe(2);
    const entry = await db.auditEntry.findFirst({ where: { action: "dead-letters.redrive", targetId: `${clusterId}/%2F/${work}` } });
    expect(entry).toMatchObject({ team: "notifications", targetType: "queue" });

    // The same selection again: those letters are gone, nothing is sent twice.
    const again = await redrive({ topicId: dlqId, records: chosen, dryRun: false }, editor);
    expect(again.sent).toBe(0);
    expect(again.plan.every((p) => p.skipped?.includes("no longer among"))).toBe(true);
    expect(counts().parked).toEqual([1, 0]);
  });

  it("leaves a letter in the DLQ, and unclaimed, when the broker cannot route it to its queue", async () => {
    const { records } = await readDeadLetters(testAdmin, dlqId);
    expect(records).toHaveLength(1);
    const last = [{ partition: 0, offset: records[0]!.offset, id: records[0]!.id! }];
    // The work queue disappears from the broker while the catalog still lists it: the publish is returned.
    await ch.deleteQueue(work);
    const result = await redrive({ topicId: dlqId, records: last, dryRun: false }, testAdmin);
    expect(result.sent).toBe(0);
    expect(result.plan[0]!.skipped).toContain("the broker returned it");
    expect(counts().parked).toEqual([1, 0]);
    expect(await db.redrive.count({ where: { dlqTopicId: dlqId, messageId: last[0]!.id } })).toBe(0);
  });
});

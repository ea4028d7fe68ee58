import { connect } from "@nats-io/transport-node";
import { jetstream } from "@nats-io/jetstream";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createEndpoint, createRule, deliverDue, evaluateRules } from "@/server/domain/alerts";
import { addCluster, listClusterTargets } from "@/server/domain/connections";
import { listJetStreamDeadLetters, redriveJetStream } from "@/server/domain/dead-letters";
import { readTopicRecord } from "@/server/domain/records";
import { testActor, testAdmin } from "@/test/actors";
import { uniqueName } from "@/test/kafka-helpers";
import { AckPolicy, natsUrl, withTestNats } from "@/test/nats";
import { startReceiver } from "@/test/webhook-receiver";
import { syncCluster } from "../catalog-sync/sync-cluster";
import { jetStreamAdvisories } from ".";

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe("JetStream dead letters from the server's advisories", () => {
  it("records max-deliveries and terminated messages, each pointing at its message, and fires a rule to the webhook", async () => {
    const { id: clusterId } = await addCluster(testAdmin, { name: uniqueName("nats-dl"), kind: "nats", bootstrapServers: natsUrl() });
    const stream = uniqueName("PICKS").replace(/[^A-Za-z0-9_-]/g, "_");
    await withTestNats(async ({ jsm }) => {
      await jsm.streams.add({ name: stream, subjects: [`${stream}.>`] });
      await jsm.consumers.add(stream, { durable_name: "picker", ack_policy: AckPolicy.Explicit, max_deliver: 2, ack_wait: 30_000_000_000 });
    });
    const watcher = jetStreamAdvisories();
    cleanups.push(() => watcher.stop!());
    await watcher.tick();

    const nc = await connect({ servers: natsUrl() });
    cleanups.push(() => nc.close());
    const js = jetstream(nc);
    const poison = await js.publish(`${stream}.pick`, new TextEncoder().encode("poison"));
    const refused = await js.publish(`${stream}.pick`, new TextEncoder().encode("refused"));
    const consumer = await js.consumers.get(stream, "picker");
    // The poison message fails twice (nak = redeliver at once) and is given up; the other is terminated.
    for (let round = 0; round < 3; round++) {
      const batch = await consumer.fetch({ max_messages: 2, expires: 1_000 });
      for await (const m of batch) {
        if (m.seq === refused.seq)
          m.term(); // nats-server 2.9 takes no reason after +TERM
        else m.nak();
      }
    }

    await expect
      .poll(async () => (await listJetStreamDeadLetters({ clusterId })).map((e) => [e.reason, e.streamSeq]).sort(), { timeout: 30_000 })
      .toEqual([
        ["max_deliveries", poison.seq],
        ["terminated", refused.seq],
      ]);
    const [dead] = (await listJetStreamDeadLetters({ clusterId })).filter((e) => e.reason === "max_deliveries");
    expect(dead).toMatchObject({ stream, consumer: "picker", deliveries: 2 });

    // JetStream keeps the message: the dead letter opens it by stream sequence (once the stream is catalogued).
    await syncCluster(
      (await listClusterTargets()).find((t) => t.id === clusterId)!,
      { withConfigs: false },
    );
    const record = await readTopicRecord(testAdmin, { topic: stream, partition: 0, offset: String(poison.seq), clusterId });
    expect(record.value).toMatchObject({ kind: "text", text: "poison" });

    // A rule on JetStream dead letters fires and its webhook is delivered.
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const endpoint = await createEndpoint(testAdmin, { name: uniqueName("js-hook"), url: receiver.url });
    const rule = await createRule(testAdmin, {
      name: uniqueName("js-dead"),
      kind: "jetstream_dead_letters",
      threshold: 0,
      brokerKind: "nats",
      target: `${stream}/*`,
      endpointIds: [endpoint.id],
    });
    cleanups.push(() => db.alertRule.deleteMany({ where: { id: rule.id } }));
    await evaluateRules({ externalUrl: "http://eventplane.test" });
    const alert = await db.alert.findFirstOrThrow({ where: { ruleId: rule.id } });
    expect(alert).toMatchObject({ state: "firing", value: 2 });
    await deliverDue({ allowed: new Set(["loopback"] as const), timeoutMs: 5_000 });
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(1);
    expect(receiver.received[0]!.body).toContain(`${stream}`);

    // Redrive: the given-up message is republished from the stream to its subject, and the consumer
    // that gave up delivers it again, once.
    await db.topic.updateMany({ where: { clusterId, name: stream }, data: { ownerTeam: "warehouse" } });
    await expect(redriveJetStream({ eventIds: [dead!.id] }, testActor("editor", ["growth"]))).rejects.toMatchObject({ code: "FORBIDDEN" });
    const dry = await redriveJetStream({ eventIds: [dead!.id] }, testActor("editor", ["warehouse"], "warehouse-editor"));
    expect(dry.plan).toEqual([
      expect.objectContaining({
        offset: String(poison.seq),
        targetTopic: `${stream}.pick`,
        skipped: null,
        note: expect.stringContaining("picker"),
      }),
    ]);
    const sent = await redriveJetStream({ eventIds: [dead!.id], dryRun: false }, testActor("editor", ["warehouse"], "warehouse-editor"));
    expect(sent.sent).toBe(1);
    const again = await consumer.fetch({ max_messages: 5, expires: 2_000 });
    const redelivered: { data: string; id: string | undefined }[] = [];
    for await (const m of again) {
      redelivered.push({ data: m.string(), id: m.headers?.get("x-redrive-id") });
      m.ack();
    }
    expect(redelivered).toEqual([{ data: "poison", id: `${stream}/${poison.seq}` }]);
    const twice = await redriveJetStream({ eventIds: [dead!.id], dryRun: false }, testAdmin);
    expect(twice).toMatchObject({ sent: 0, plan: [expect.objectContaining({ skipped: expect.stringContaining("already redriven") })] });
    expect((await listJetStreamDeadLetters({ clusterId })).find((e) => e.id === dead!.id)!.redrive).toMatchObject({
      status: "sent",
      actor: "warehouse-editor",
    });
  });
});

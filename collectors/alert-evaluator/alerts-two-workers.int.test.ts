// Two workers at once, as when several run side by side: both evaluate the same rules in the same
// moment and both drain the outbox together. A firing alert is notified once, and each notification
// reaches the receiver once.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createEndpoint, createRule, deliverDue, evaluateRules } from "@/server/domain/alerts";
import { testAdmin } from "@/test/actors";
import { createTestCluster } from "@/test/catalog-helpers";
import { uniqueName } from "@/test/kafka-helpers";
import { startReceiver } from "@/test/webhook-receiver";

const loopback = new Set(["loopback"] as const);
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe("two workers", () => {
  it("evaluating and delivering at the same time notify each alert once, and deliver each notification once", async () => {
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const cluster = await createTestCluster();
    // Five filling DLQs in this cluster: five alerts of one rule, grouped one notification per queue.
    const names = Array.from({ length: 5 }, (_, i) => `${uniqueName(`twice-${i}`)}.DLQ`);
    await db.topic.createMany({
      data: names.map((name) => ({
        clusterId: cluster.id,
        name,
        partitionCount: 1,
        replicationFactor: 1,
        lastSeenAt: new Date(),
        deadLetter: true,
        messageCount: 10n,
      })),
    });
    const endpoint = await createEndpoint(testAdmin, { name: uniqueName("twice-hook"), url: receiver.url });
    const rule = await createRule(testAdmin, {
      name: uniqueName("twice-rule"),
      kind: "dlq_depth",
      threshold: 1,
      clusterId: cluster.id,
      endpointIds: [endpoint.id],
      groupBy: ["topic"],
    });
    cleanups.push(async () => {
      await db.alertRule.deleteMany({ where: { id: rule.id } });
      await db.webhookEndpoint.deleteMany({ where: { id: endpoint.id } });
    });

    const now = new Date();
    await Promise.all([
      evaluateRules({ now, externalUrl: "http://eventplane.test" }),
      evaluateRules({ now, externalUrl: "http://eventplane.test" }),
    ]);
    const notifications = await db.notification.findMany({ where: { endpointId: endpoint.id } });
    expect(notifications).toHaveLength(5);

    const deliver = () => deliverDue({ allowed: loopback, baseBackoffMs: 100, maxBackoffMs: 400, timeoutMs: 5_000 });
    await Promise.all([deliver(), deliver(), deliver()]);
    await expect
      .poll(async () => db.notification.count({ where: { endpointId: endpoint.id, status: "delivered" } }), { timeout: 20_000 })
      .toBe(5);
    await Promise.all([deliver(), deliver()]);
    const keys = receiver.received.map((r) => r.headers["idempotency-key"]);
    expect(keys).toHaveLength(5);
    expect(new Set(keys).size).toBe(5);
  });
});

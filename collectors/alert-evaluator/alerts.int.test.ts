// Alerts end to end on the real broker and PostgreSQL, with a real HTTP receiver: a consumer that
// stops reaches STOP, its rule goes pending and fires after `for`, the receiver gets a signed
// Alertmanager v4 payload, and the resolve when the group catches up; a receiver that is down gets
// every notification once it is back; a worker SIGKILLed mid-delivery loses nothing.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createEndpoint, createRule, deliverDue, evaluateRules, sendTest } from "@/server/domain/alerts";
import { createTestCluster } from "@/test/catalog-helpers";
import { commitOffsets, createTopic, produce, uniqueName } from "@/test/kafka-helpers";
import { eventually, startReceiver } from "@/test/webhook-receiver";
import { syncCluster } from "../catalog-sync/sync-cluster";
import { testAdmin } from "@/test/actors";

const loopback = new Set(["loopback"] as const);
const deliver = () => deliverDue({ allowed: loopback, baseBackoffMs: 100, maxBackoffMs: 400, timeoutMs: 2_000 });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  // Leave no rule or endpoint behind for the next test (they are global).
  await db.alertRule.deleteMany({});
  await db.webhookEndpoint.deleteMany({});
});

describe("alerts to webhooks", () => {
  it("fires after `for` when a consumer stops, delivers a signed Alertmanager payload, and resolves when it catches up", async () => {
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const secret = "s3cret-for-hmac";
    await createEndpoint(testAdmin, { name: uniqueName("team-hook"), url: receiver.url, secret });
    const cluster = await createTestCluster();
    const topic = uniqueName("alert-orders");
    const group = uniqueName("stopper");
    await createTopic(topic, 1);
    const rule = await createRule(testAdmin, {
      name: uniqueName("GroupStopped"),
      kind: "group_status",
      threshold: 2,
      target: group,
      forSeconds: 2,
      severity: "critical",
      labels: { team: "payments" },
    });
    const evaluate = () => evaluateRules({ externalUrl: "http://eventplane.test", lag: { minIdleMs: 1_000 } });
    const alertState = async () => (await db.alert.findFirst({ where: { ruleId: rule.id } }))?.state;

    // The consumer works for a while, then stops committing while records keep arriving.
    const seenAt: number[] = [];
    for (const committed of [2, 4]) {
      await produce(topic, { 0: 10 });
      await commitOffsets(group, topic, { 0: committed });
      await syncCluster(cluster, { withConfigs: false });
      seenAt.push(Date.now());
    }
    await evaluate();
    expect(await alertState()).toBeUndefined(); // WARN at most: below the rule's ERR
    await new Promise((r) => setTimeout(r, seenAt[1]! - seenAt[0]! + 1_500));
    await produce(topic, { 0: 5 });
    await syncCluster(cluster, { withConfigs: false });
    await evaluate();
    expect(await alertState()).toBe("pending"); // STOP now, but `for` has not elapsed
    await deliver();
    expect(receiver.received).toHaveLength(0);

    await new Promise((r) => setTimeout(r, 2_100));
    await evaluate();
    expect(await alertState()).toBe("firing");
    await eventually(async () => (await deliver(), receiver.received.length === 1), 10_000, "the firing notification");
    const firing = receiver.received[0]!;
    const payload = JSON.parse(firing.body);
    expect(payload).toMatchObject({
      version: "4",
      status: "firing",
      groupKey: `{}:{alertname="${rule.name}"}`,
      groupLabels: { alertname: rule.name },
      commonLabels: { alertname: rule.name, severity: "critical", cluster: cluster.name, group, team: "payments" },
      notification_reason: "first notification",
      alerts: [{ status: "firing", endsAt: "0001-01-01T00:00:00Z", fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) }],
    });
    expect(payload.alerts[0].annotations.summary).toContain(`${topic}/0 STOP`);
    // The status is in the summary, not a label: WARN → ERR would otherwise be a new alert.
    expect(payload.commonLabels).not.toHaveProperty("status");
    // The signature is HMAC-SHA256 over "<timestamp>.<body>" with the endpoint's secret.
    const ts = firing.headers["x-eventplane-timestamp"] as string;
    const expected = createHmac("sha256", secret).update(`${ts}.${firing.body}`).digest("hex");
    expect(firing.headers["x-eventplane-signature"]).toBe(`t=${ts},v1=${expected}`);
    expect(firing.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);

    // Still firing on the next cycle: no second notification before the repeat interval.
    await evaluate();
    await deliver();
    expect(receiver.received).toHaveLength(1);

    // Caught up: resolved, and the receiver hears it once.
    await commitOffsets(group, topic, { 0: 25 });
    await syncCluster(cluster, { withConfigs: false });
    await evaluate();
    expect(await alertState()).toBe("inactive");
    await eventually(async () => (await deliver(), receiver.received.length === 2), 10_000, "the resolved notification");
    const resolved = JSON.parse(receiver.received[1]!.body);
    expect(resolved).toMatchObject({
      status: "resolved",
      notification_reason: "all alerts resolved",
      alerts: [{ status: "resolved", fingerprint: payload.alerts[0].fingerprint }],
    });
    expect(resolved.alerts[0].endsAt).not.toBe("0001-01-01T00:00:00Z");
    expect(receiver.received[1]!.headers["idempotency-key"]).not.toBe(firing.headers["idempotency-key"]);
    const history = await db.alertEvent.findMany({ where: { alert: { ruleId: rule.id } }, orderBy: { at: "asc" } });
    expect(history.map((e) => e.state)).toEqual(["pending", "firing", "resolved"]);
  });

  it("retries while the receiver is down or failing (5xx, 429), gives up on other 4xx, and delivers once it is back", async () => {
    const first = await startReceiver();
    const port = first.port;
    await first.close(); // nothing listens on the port now
    const endpoint = await createEndpoint(testAdmin, { name: uniqueName("down-hook"), url: `http://127.0.0.1:${port}/hook` });
    const { id } = await sendTest(testAdmin, endpoint.id, "http://eventplane.test");
    await deliver();
    const pending = await db.notification.findUniqueOrThrow({ where: { id } });
    expect(pending.status).toBe("pending");
    expect(pending.lastError).toMatch(/ECONNREFUSED/);

    // Back, but answering 503 then 429 before it accepts.
    const receiver = await startReceiver(port, (n) => (n === 1 ? 503 : n === 2 ? 429 : 200));
    cleanups.push(receiver.close);
    await eventually(
      async () => (await deliver(), (await db.notification.findUniqueOrThrow({ where: { id } })).status === "delivered"),
      15_000,
      "delivery",
    );
    expect(receiver.received.map((r) => r.headers["idempotency-key"])).toEqual([id, id, id]);
    const log = await db.deliveryAttempt.findMany({ where: { notificationId: id }, orderBy: { at: "asc" } });
    // A refused connection while it was down, then 503, 429 and the delivery.
    expect(log.map((a) => a.httpStatus)).toEqual([null, 503, 429, 200]);
    expect(log[0]!.error).toMatch(/ECONNREFUSED/);

    // A 400 is the receiver saying the request is wrong: retrying cannot help.
    const refusing = await startReceiver(0, () => 400);
    cleanups.push(refusing.close);
    const bad = await createEndpoint(testAdmin, { name: uniqueName("refusing-hook"), url: refusing.url });
    const test = await sendTest(testAdmin, bad.id, "http://eventplane.test");
    await eventually(
      async () => (await deliver(), (await db.notification.findUniqueOrThrow({ where: { id: test.id } })).status === "failed"),
      5_000,
      "giving up",
    );
    expect(refusing.received).toHaveLength(1);
  });

  it("delivers every notification with the same idempotency key after the worker is SIGKILLed mid-delivery", async () => {
    // The receiver hangs on the first request, so the worker is killed while the request is open.
    const receiver = await startReceiver(0, (n) => (n === 1 ? "hang" : 200));
    cleanups.push(receiver.close);
    const endpoint = await createEndpoint(testAdmin, { name: uniqueName("crash-hook"), url: receiver.url });
    const { id } = await sendTest(testAdmin, endpoint.id, "http://eventplane.test");
    const worker = () =>
      spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "..", "main.ts")], {
        env: {
          ...process.env,
          WEBHOOK_ALLOW_TARGETS: "loopback",
          WEBHOOK_TIMEOUT_MS: "1500",
          ALERT_EVALUATION_INTERVAL_MS: "60000",
          KAFKA_BROKERS: "",
        },
        stdio: "ignore",
      });
    const first = worker();
    await eventually(() => receiver.received.length === 1, 60_000, "the first (hanging) request");
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    expect((await db.notification.findUniqueOrThrow({ where: { id } })).status).toBe("pending");

    const second = worker();
    cleanups.push(async () => {
      second.kill("SIGTERM");
      await new Promise((r) => second.once("exit", r));
    });
    // The killed worker's claim expires (2 × 1.5 s + 5 s), then the new worker sends it again.
    const done = await eventually(
      async () => {
        const n = await db.notification.findUniqueOrThrow({ where: { id } });
        return n.status === "delivered" ? n : undefined;
      },
      60_000,
      "redelivery after the crash",
    );
    expect(receiver.received.map((r) => r.headers["idempotency-key"])).toEqual([id, id]);
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
    // The killed attempt left no log line (the process died before writing it); the delivered one did.
    expect(done.attempts).toBe(1);
  });
});

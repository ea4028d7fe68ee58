// One retention pass at a chosen moment: everything past its retention goes, everything within stays,
// and a notification not yet delivered stays however old it is (the outbox loses nothing).
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestCluster } from "@/test/catalog-helpers";
import { uniqueName } from "@/test/kafka-helpers";
import { storeSpans } from "@/server/domain/traces";
import { pruneOnce } from "./prune-once";

const DAY = 86_400_000;
const hex = (n: number, len: number) => n.toString(16).padStart(len, "0");

describe("retention", () => {
  it("prunes spans, lag samples, alert history, sessions and audit entries past their time, and nothing else", async () => {
    // A moment far ahead, so every row this test writes is "old" or "new" relative to it alone.
    const now = new Date(Date.now() + 400 * DAY);
    const at = (msBefore: number) => new Date(now.getTime() - msBefore);
    const ns = (d: Date) => BigInt(d.getTime()) * 1_000_000n;
    const service = uniqueName("retained");
    const span = (n: number, start: Date, host = "current") => ({
      traceId: hex(0xabc000 + n, 32),
      spanId: hex(n, 16),
      parentSpanId: null,
      name: "op",
      kind: 1,
      startNs: ns(start),
      endNs: ns(start) + 1_000n,
      statusCode: 0,
      statusMessage: null,
      attributes: {},
      resource: { "service.name": service, "host.name": host },
      scope: null,
      events: [],
      // Each span links to the next one's trace: a link goes with its own span's day.
      links: [{ traceId: hex(0xabc000 + n + 1, 32), spanId: hex(n + 1, 16), attributes: {} }],
    });
    // The old span's process is gone: its resource has no span in a kept day.
    await storeSpans([span(1, at(100 * 3_600_000), "gone"), span(2, at(3_600_000)), span(3, new Date(now.getTime() + 3 * DAY))]);
    // Their per-minute flow counts and hop latencies go with the days: one in the dropped day, one in a kept day.
    const minuteOf = (d: Date) => Math.floor(d.getTime() / 60_000);
    const flow = (d: Date) => ({
      minute: minuteOf(d),
      kind: 4,
      system: "kafka",
      service,
      topic: "t",
      groupId: "",
      count: 1,
      failed: 0,
      firstNs: ns(d),
    });
    await db.spanFlowMinute.createMany({ data: [flow(at(100 * 3_600_000)), flow(at(3_600_000))] });
    const hop = (d: Date) => ({ minute: minuteOf(d), topic: service, groupId: "g", bucket: 90, count: 1 });
    await db.hopLatencyMinute.createMany({ data: [hop(at(100 * 3_600_000)), hop(at(3_600_000))] });

    const cluster = await createTestCluster();
    const group = await db.consumerGroup.create({
      data: { clusterId: cluster.id, groupId: uniqueName("g"), state: "Stable", lastSeenAt: now },
    });
    await db.groupLagSample.createMany({
      data: [
        { consumerGroupId: group.id, observedAt: at(25 * 3_600_000), totalLag: 1n },
        { consumerGroupId: group.id, observedAt: at(3_600_000), totalLag: 2n },
      ],
    });
    await db.partitionEndSample.createMany({
      data: [
        { clusterId: cluster.id, topic: "t", partition: 0, observedAt: at(25 * 3_600_000), endOffset: 1n },
        { clusterId: cluster.id, topic: "t", partition: 0, observedAt: at(3_600_000), endOffset: 2n },
      ],
    });

    const endpoint = await db.webhookEndpoint.create({ data: { name: uniqueName("hook"), url: "https://example.test/…" } });
    const note = (status: string, created: Date) => ({ endpointId: endpoint.id, kind: "test", body: "{}", status, createdAt: created });
    await db.notification.createMany({
      data: [note("delivered", at(31 * DAY)), note("failed", at(31 * DAY)), note("pending", at(90 * DAY)), note("delivered", at(DAY))],
    });
    const old = await db.notification.findFirstOrThrow({
      where: { endpointId: endpoint.id, status: "delivered", createdAt: at(31 * DAY) },
    });
    await db.deliveryAttempt.create({ data: { notificationId: old.id, durationMs: 5, at: at(31 * DAY) } });

    const actorName = uniqueName("auditor");
    await db.auditEntry.createMany({
      data: [
        { actorKind: "user", actorName, action: "x", targetType: "t", at: at(401 * DAY) },
        { actorKind: "user", actorName, action: "x", targetType: "t", at: at(DAY) },
      ],
    });

    const user = await db.user.create({ data: { username: uniqueName("sleeper") } });
    await db.session.createMany({
      data: [
        { id: uniqueName("expired"), userId: user.id, expiresAt: at(1000) },
        { id: uniqueName("alive"), userId: user.id, expiresAt: new Date(now.getTime() + 1000) },
      ],
    });

    await pruneOnce(now);

    expect((await db.span.findMany({ where: { service } })).map((s) => s.spanId)).toEqual([hex(2, 16)]);
    expect(
      (await db.spanLink.findMany({ where: { traceId: { in: [1, 2, 3].map((n) => hex(0xabc000 + n, 32)) } } })).map((l) => l.spanId),
    ).toEqual([hex(2, 16)]);
    // Whole days went (their tables), not rows: the old and the future span's days have no table any more.
    const days = await db.$queryRaw<
      { name: string }[]
    >`SELECT relname AS name FROM pg_class WHERE relname LIKE 'Span_d%' OR relname LIKE 'SpanLink_d%'`;
    const dayName = (d: Date) => d.toISOString().slice(0, 10).replaceAll("-", "");
    const names = days.map((d) => d.name);
    expect(names).toContain(`Span_d${dayName(at(3_600_000))}`);
    expect(names).not.toContain(`Span_d${dayName(at(100 * 3_600_000))}`);
    expect(names).not.toContain(`SpanLink_d${dayName(at(100 * 3_600_000))}`);
    expect(names).not.toContain(`Span_d${dayName(new Date(now.getTime() + 3 * DAY))}`);
    // Resources are stored once, apart from their spans, and go with the last day holding a span of theirs.
    const resources = await db.$queryRaw<{ host: string }[]>`
      SELECT "attributes"->>'host.name' AS host FROM "SpanResource" WHERE "attributes"->>'service.name' = ${service}`;
    expect(resources.map((r) => r.host)).toEqual(["current"]);
    expect((await db.spanFlowMinute.findMany({ where: { service } })).map((f) => f.minute)).toEqual([minuteOf(at(3_600_000))]);
    expect((await db.hopLatencyMinute.findMany({ where: { topic: service } })).map((f) => f.minute)).toEqual([minuteOf(at(3_600_000))]);
    expect((await db.groupLagSample.findMany({ where: { consumerGroupId: group.id } })).map((s) => s.totalLag)).toEqual([2n]);
    expect((await db.partitionEndSample.findMany({ where: { clusterId: cluster.id } })).map((s) => s.endOffset)).toEqual([2n]);
    expect(
      (await db.notification.findMany({ where: { endpointId: endpoint.id }, orderBy: { createdAt: "asc" } })).map((n) => n.status),
    ).toEqual(["pending", "delivered"]);
    expect(await db.deliveryAttempt.count({ where: { notificationId: old.id } })).toBe(0);
    expect(await db.auditEntry.count({ where: { actorName } })).toBe(1);
    expect((await db.session.findMany({ where: { userId: user.id } })).map((x) => x.id.split("-")[0])).toEqual(["alive"]);
  });
});

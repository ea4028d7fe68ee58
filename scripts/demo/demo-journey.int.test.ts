// The demo shop end to end, as `npm run demo` runs it: each service is its own process with the
// OpenTelemetry JS SDK and the kafkajs instrumentation, registering schemas through the registry API
// and exporting spans (protobuf and JSON) to the OTLP receiver, over the real test Kafka. The journey
// of one order must come out as one waterfall across traces: order → billing, inventory,
// notifications (fan-out, parent-style hops) → payments → shipping (a batch consumer, joined by a
// span link from a trace of its own).
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { loadJourney, type Journey } from "@/server/domain/traces";
import { handleSchemaRegistry } from "@/server/http/confluent/handle";
import { handleOtlpTraces } from "@/server/http/otlp/handle";
import { createTopic, testBrokers } from "@/test/kafka-helpers";
import { serveHandler } from "@/test/serve-handler";
import { stopChildren } from "./stop-children";

const GROUPS: Record<string, string> = {
  "billing-service": "billing",
  "inventory-service": "inventory",
  "notification-service": "notifications",
};
const SERVICES = ["order-service", "billing-service", "inventory-service", "notification-service", "shipping-service"];
const children: ChildProcess[] = [];
let close = async () => {};

beforeAll(async () => {
  for (const [topic, partitions] of [
    ["orders", 3],
    ["payments", 2],
    ["inventory", 1],
    ["notifications", 1],
    ["shipments", 1],
    ["orders.DLQ", 1],
  ] as const) {
    await createTopic(topic, partitions);
  }
  const server = await serveHandler((request) =>
    new URL(request.url).pathname.startsWith("/v1/traces") ? handleOtlpTraces(request) : handleSchemaRegistry(request),
  );
  close = server.close;
  for (const name of SERVICES) {
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "service.ts"), name], {
      env: { ...process.env, KAFKA_BROKERS: testBrokers(), EVENTPLANE_URL: server.url },
      stdio: ["ignore", "inherit", "inherit"],
    });
    children.push(child);
  }
});

afterAll(async () => {
  await stopChildren(children);
  await close();
});

/** The journey of an order that has gone all the way to shipping, once one has. */
async function completeJourney(deadline: number): Promise<Journey> {
  for (;;) {
    const roots = await db.span.findMany({
      where: { name: "place order", service: "order-service" },
      orderBy: { startNs: "asc" },
      take: 20,
    });
    for (const root of roots) {
      const journey = await loadJourney(root.traceId);
      if (journey && SERVICES.every((s) => journey.services.includes(s)) && journey.rows.some((r) => r.name === "send shipments"))
        return journey;
    }
    if (Date.now() > deadline)
      throw new Error(
        `no complete journey yet; spans stored per service: ${JSON.stringify(await db.span.groupBy({ by: ["service"], _count: true }))}`,
      );
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

describe("demo shop journey", () => {
  it("stitches one order's journey across services, topics and traces, with a dwell bar per hop", async () => {
    const journey = await completeJourney(Date.now() + 100_000);
    const row = (pred: (r: Journey["rows"][number]) => boolean) => journey.rows.find(pred)!;
    const byKey = new Map(journey.rows.map((r) => [r.key, r]));
    const parentOf = (r: Journey["rows"][number]) => (r.parentKey ? byKey.get(r.parentKey) : undefined);

    expect(journey.rows[0]).toMatchObject({ name: "place order", service: "order-service", depth: 0 });
    expect(journey.topics).toEqual(expect.arrayContaining(["orders", "payments"]));
    expect(journey.traceIds.length).toBeGreaterThanOrEqual(2);

    // Fan-out: three services consumed the same OrderPlaced record, each hop under the same send span.
    const sendOrders = row((r) => r.name === "send orders");
    const orderConsumers = journey.rows.filter((r) => r.hop?.producerKey === sendOrders.key);
    expect(orderConsumers.map((r) => r.service).sort()).toEqual(["billing-service", "inventory-service", "notification-service"]);
    for (const c of orderConsumers) {
      expect(c).toMatchObject({ via: "parent", parentKey: sendOrders.key, hop: { topic: "orders", group: GROUPS[c.service] } });
      // A dwell bar starts where the send ended and ends where the consumer started.
      expect(c.hop!.dwellStartMs).toBeCloseTo(sendOrders.startMs + sendOrders.durationMs, 6);
      expect(c.hop!.skewed ? 0 : c.hop!.dwellMs).toBeCloseTo(Math.max(0, c.startMs - c.hop!.dwellStartMs), 6);
    }

    // Second hop: billing produced PaymentProcessed; shipping consumed it in a batch, in a trace of its
    // own that links back to the send span, and produced ShipmentScheduled.
    const sendPayments = row((r) => r.name === "send payments" && r.service === "billing-service");
    expect(parentOf(sendPayments)!.service).toBe("billing-service");
    const shippingProcess = row((r) => r.service === "shipping-service" && r.hop?.producerKey === sendPayments.key);
    expect(shippingProcess.traceId).not.toBe(sendPayments.traceId);
    expect(shippingProcess.hop).toMatchObject({ topic: "payments", group: "shipping" });
    const poll = parentOf(shippingProcess)!;
    expect(poll).toMatchObject({ name: "poll payments", via: "link", parentKey: sendPayments.key });
    expect(journey.rows.some((r) => r.name === "send shipments" && r.traceId === shippingProcess.traceId)).toBe(true);
    // The record behind a hop can be found from the span: topic, partition and offset are on it.
    const stored = await db.span.findUniqueOrThrow({
      where: { traceId_spanId: { traceId: shippingProcess.traceId, spanId: shippingProcess.spanId } },
    });
    expect([stored.msgDestination, stored.msgPartition !== null, stored.msgOffset !== null]).toEqual(["payments", true, true]);
    expect(stored.msgKey).toMatch(/^order-/);
  });
});

// The demo shop end to end, as `npm run demo` runs it: each service is its own process with the
// OpenTelemetry JS SDK and the kafkajs instrumentation, registering schemas through the registry API
// and exporting spans (protobuf and JSON) to the OTLP receiver, over the real test Kafka. The journey
// of one order must come out as one waterfall across traces: order → billing, inventory,
// notifications (fan-out, parent-style hops) → payments → shipping (a batch consumer, joined by a
// span link from a trace of its own).
import { spawn, type ChildProcess } from "node:child_process";
import { setUpBrokerLegs } from "./broker-legs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Parser } from "@asyncapi/parser";
import { AvroSchemaParser } from "@asyncapi/avro-schema-parser";
import { stringify } from "yaml";
import { syncCluster } from "@/collectors/catalog-sync/sync-cluster";
import { db } from "@/server/db";
import {
  declareEdge,
  exportAsyncApi,
  importAsyncApi,
  loadLineageGraph,
  nodeId,
  refreshObservedEdges,
  removeDeclaredEdge,
  selectSubgraph,
  type LineageGraph,
} from "@/server/domain/lineage";
import { loadJourney, type Journey } from "@/server/domain/traces";
import { createTestCluster } from "@/test/catalog-helpers";
import { handleSchemaRegistry } from "@/server/http/confluent/handle";
import { handleOtlpTraces } from "@/server/http/otlp/handle";
import { createTopic, testBrokers } from "@/test/kafka-helpers";
import { serveHandler } from "@/test/serve-handler";
import { stopChildren } from "./stop-children";
import { testAdmin } from "@/test/actors";
import { createTestToken } from "@/test/tokens";

const GROUPS: Record<string, string> = {
  "billing-service": "billing",
  "inventory-service": "inventory",
  "notification-service": "notifications",
};
const SERVICES = ["order-service", "billing-service", "inventory-service", "notification-service", "shipping-service"];
// The legs beyond Kafka: e-mails through RabbitMQ, picks through NATS JetStream.
const LEGS = ["email-sender", "warehouse-picker"];
// The demo's flow as lineage: who produces each topic, which group reads it, which service runs it.
const FLOW = {
  produces: [
    ["order-service", "orders"],
    ["billing-service", "payments"],
    ["inventory-service", "inventory"],
    ["notification-service", "notifications"],
    ["shipping-service", "shipments"],
  ],
  reads: [
    ["orders", "billing", "billing-service"],
    ["orders", "inventory", "inventory-service"],
    ["orders", "notifications", "notification-service"],
    ["payments", "notifications", "notification-service"],
    ["payments", "shipping", "shipping-service"],
  ],
} as const;
const children: ChildProcess[] = [];
/** Every span of the journey has its parent (or the span it links to) stored: one root, the order's. */
const whole = (j: Journey) => j.rows.filter((r) => r.via === "root").length === 1;
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
  const token = await createTestToken(["registry:write", "otlp:write"], "editor", "shop");
  const legs = { RABBITMQ_AMQP_URL: process.env.TEST_RABBITMQ_AMQP_URL, NATS_URL: process.env.TEST_NATS_URL };
  await setUpBrokerLegs(() => undefined, { amqp: legs.RABBITMQ_AMQP_URL!, nats: legs.NATS_URL! });
  for (const name of [...SERVICES, ...LEGS]) {
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "service.ts"), name], {
      env: { ...process.env, ...legs, KAFKA_BROKERS: testBrokers(), EVENTPLANE_URL: server.url, EVENTPLANE_TOKEN: token.secret },
      stdio: ["ignore", "inherit", "inherit"],
    });
    children.push(child);
  }
});

afterAll(async () => {
  await stopChildren(children);
  await close();
});

/**
 * The journey of an order that has gone all the way to shipping, once one has and its spans are all
 * stored: a service's spans are exported in batches, and a consumer's own span ends (and is exported)
 * after the spans it started, so a journey can hold a service's sends before the consuming span above them.
 */
async function completeJourney(deadline: number): Promise<Journey> {
  for (;;) {
    const roots = await db.span.findMany({
      where: { name: "place order", service: "order-service" },
      orderBy: { startNs: "asc" },
      take: 20,
    });
    for (const root of roots) {
      const journey = await loadJourney(root.traceId);
      const consumedOrders = new Set(journey?.rows.filter((r) => r.hop?.topic === "orders").map((r) => r.service));
      if (
        journey &&
        whole(journey) &&
        SERVICES.every((s) => journey.services.includes(s)) &&
        Object.keys(GROUPS).every((s) => consumedOrders.has(s)) &&
        journey.rows.some((r) => r.name === "send shipments")
      )
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
    const stored = await db.span.findFirstOrThrow({ where: { traceId: shippingProcess.traceId, spanId: shippingProcess.spanId } });
    expect([stored.msgDestination, stored.msgPartition !== null, stored.msgOffset !== null]).toEqual(["payments", true, true]);
    expect(stored.msgKey).toMatch(/^order-/);
  });
});

describe("demo shop lineage", () => {
  let clusterId = "";
  const topic = (name: string) => nodeId.topic(clusterId, name);
  const group = (name: string) => nodeId.group(clusterId, name);
  const edge = (g: LineageGraph, kind: string, from: string, to: string) =>
    g.edges.find((e) => e.kind === kind && e.from === from && e.to === to);

  /** The graph of our test cluster once the collector has seen every group of the flow commit. */
  async function flowGraph(deadline: number): Promise<LineageGraph> {
    const cluster = await createTestCluster();
    clusterId = cluster.id;
    for (;;) {
      await syncCluster(cluster, { withConfigs: false });
      await refreshObservedEdges({ settleMs: 0 });
      const graph = selectSubgraph(await loadLineageGraph(), { clusterId });
      const missing = [
        ...FLOW.produces.filter(([s, t]) => !edge(graph, "produces", nodeId.service(s), topic(t))?.observed).map((x) => x.join(" → ")),
        ...FLOW.reads
          .filter(
            ([t, g, s]) =>
              !edge(graph, "reads", topic(t), group(g))?.observed || !edge(graph, "runs-as", group(g), nodeId.service(s))?.observed,
          )
          .map((x) => x.join(" → ")),
      ];
      if (!missing.length) return graph;
      if (Date.now() > deadline) throw new Error(`edges not observed yet: ${missing.join(", ")}`);
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }

  it("follows the same order on through RabbitMQ and NATS JetStream, each hop saying which broker it crossed", async () => {
    const deadline = Date.now() + 100_000;
    let journey: Journey | null = null;
    while (!journey) {
      const roots = await db.span.findMany({
        where: { name: "place order", service: "order-service" },
        orderBy: { startNs: "asc" },
        take: 30,
      });
      for (const root of roots) {
        const j = await loadJourney(root.traceId);
        if (j && whole(j) && LEGS.every((s) => j.services.includes(s)) && j.services.includes("notification-service")) {
          journey = j;
          break;
        }
      }
      if (!journey && Date.now() > deadline)
        throw new Error(
          `no journey through RabbitMQ and NATS yet: ${JSON.stringify(await db.span.groupBy({ by: ["service"], _count: true }))}`,
        );
      if (!journey) await new Promise((r) => setTimeout(r, 1_000));
    }
    const email = journey.rows.find((r) => r.service === "email-sender" && r.hop);
    expect(email?.hop).toMatchObject({ system: "rabbitmq", topic: "emails", group: "emails" });
    const sent = journey.rows.find((r) => r.key === email!.hop!.producerKey)!;
    expect(sent).toMatchObject({ service: "notification-service", messaging: { system: "rabbitmq", destination: "notifications" } });
    const pick = journey.rows.find((r) => r.service === "warehouse-picker" && r.hop);
    expect(pick?.hop).toMatchObject({ system: "nats", topic: "warehouse.pick", group: "WAREHOUSE/pickers" });
    expect(journey.rows.find((r) => r.key === pick!.hop!.producerKey)).toMatchObject({
      service: "inventory-service",
      messaging: { system: "nats" },
    });
    // And Kafka in the same waterfall: the order itself.
    expect(journey.rows.some((r) => r.hop?.system === "kafka" && r.hop.topic === "orders")).toBe(true);
  });

  it("draws the whole flow from traffic alone: spans for producers and consumers, committed offsets for groups", async () => {
    const graph = await flowGraph(Date.now() + 100_000);
    const path = [
      edge(graph, "produces", nodeId.service("order-service"), topic("orders")),
      edge(graph, "reads", topic("orders"), group("billing")),
      edge(graph, "runs-as", group("billing"), nodeId.service("billing-service")),
    ];
    for (const e of path) expect(e).toMatchObject({ observed: true, declared: false, drift: null });
    expect(path[0]!.firstSeenAt!.getTime()).toBeLessThanOrEqual(path[0]!.lastSeenAt!.getTime());
    expect(path[2]!.mapping).toBe("spans");
    // Edges carry traffic figures: a traced rate on the producer edge, lag and hop latency on the group edge.
    expect(path[0]!.ratePerSec).toBeGreaterThan(0);
    expect(path[1]!.lag!.status).toMatch(/^(OK|WARN|ERR)$/);
    expect(path[1]!.hop!.samples).toBeGreaterThan(0);
    expect(path[1]!.hop!.p95Ms).toBeGreaterThanOrEqual(path[1]!.hop!.p50Ms);
    // Nothing in the flow is drift while nobody has declared anything.
    expect(
      graph.edges.filter((e) => e.drift && [...FLOW.produces.flat(), ...FLOW.reads.flat()].some((n) => e.from.endsWith(`:${n}`))),
    ).toEqual([]);
  });

  it("shows drift both ways once a service declares, and imports an AsyncAPI document as declarations", async () => {
    const refunds = await declareEdge(testAdmin, { service: "billing-service", direction: "consumes", topic: "refunds" });
    const payments = await declareEdge(testAdmin, { service: "billing-service", direction: "produces", topic: "payments" });
    try {
      const graph = selectSubgraph(await loadLineageGraph(), { clusterId });
      const notSeen = graph.edges.find((e) => e.kind === "consumes" && e.to === nodeId.service("billing-service"));
      expect(notSeen).toMatchObject({ declared: true, observed: false, drift: "not-seen" });
      expect(edge(graph, "produces", nodeId.service("billing-service"), topic("payments"))).toMatchObject({
        observed: true,
        declared: true,
        drift: null,
      });
      // billing-service now describes itself; it reads orders without saying so.
      expect(edge(graph, "reads", topic("orders"), group("billing"))!.drift).toBe("undeclared");
    } finally {
      await removeDeclaredEdge(testAdmin, refunds.id);
      await removeDeclaredEdge(testAdmin, payments.id);
    }
  });

  it("exports the cluster as AsyncAPI 3.0 that @asyncapi/parser accepts, and reads it back as declarations", async () => {
    const doc = await exportAsyncApi({ clusterId });
    const parser = new Parser();
    parser.registerSchemaParser(AvroSchemaParser());
    const text = stringify(doc, { aliasDuplicateObjects: false });
    const { document, diagnostics } = await parser.parse(text);
    expect(diagnostics.filter((d) => d.severity === 0)).toEqual([]);
    expect(document!.version()).toBe("3.0.0");
    const orders = document!
      .channels()
      .all()
      .find((c) => c.address() === "orders")!;
    expect(
      orders
        .messages()
        .all()
        .map((m) => m.id()),
    ).toEqual(["orders-value"]);
    // The Avro schema came from the registry: the envelope's fields are in the payload.
    expect(JSON.stringify(orders.messages().all()[0]!.payload()!.json())).toContain("correlation_id");
    const server = document!.servers().all()[0]!;
    expect(server.protocol()).toBe("kafka");
    expect(testBrokers().split(",")).toContain(server.host());
    const ops = document!.operations().all();
    const send = ops.find((o) => o.id() === "order-service.send.orders")!;
    expect(send.isSend()).toBe(true);
    const receive = ops.find((o) => o.id() === "billing-service.receive.orders")!;
    expect(receive.isReceive()).toBe(true);
    expect(receive.bindings().get("kafka")!.value().groupId).toEqual({ type: "string", enum: ["billing"] });

    const imported = await importAsyncApi(testAdmin, text);
    try {
      expect(imported.declared).toEqual(
        expect.arrayContaining([
          { service: "order-service", direction: "produces", topic: "orders" },
          { service: "billing-service", direction: "consumes", topic: "orders" },
        ]),
      );
      const graph = selectSubgraph(await loadLineageGraph(), { clusterId });
      expect(edge(graph, "produces", nodeId.service("order-service"), topic("orders"))).toMatchObject({
        observed: true,
        declared: true,
        drift: null,
      });
      expect(edge(graph, "reads", topic("orders"), group("billing"))).toMatchObject({ observed: true, declared: true, drift: null });
    } finally {
      await db.declaredEdge.deleteMany({ where: { source: "asyncapi" } });
    }
  });
});

import { describe, expect, it } from "vitest";
import { assembleGraph, nodeId, type GraphInputs } from "./assemble-graph";
import { downstream, selectSubgraph } from "./select-subgraph";

const t0 = new Date("2026-11-24T10:00:00Z");
const t1 = new Date("2026-11-24T11:00:00Z");

function inputs(over: Partial<GraphInputs> = {}): GraphInputs {
  const topic = (name: string, extra = {}) => ({
    id: `t-${name}`,
    clusterId: "c1",
    clusterName: "local",
    name,
    ownerTeam: null,
    deadLetter: false,
    messagesPerSec: 1,
    messageCount: 10,
    ...extra,
  });
  return {
    topics: [topic("orders", { ownerTeam: "shop" }), topic("payments"), topic("orders.DLQ", { deadLetter: true, messagesPerSec: 0.5 })],
    groups: [
      {
        id: "g-billing",
        clusterId: "c1",
        clusterName: "local",
        groupId: "billing",
        lagStatus: "OK",
        totalLag: 3,
        maxTimeLagSeconds: 1,
        clientIds: ["billing-service"],
      },
      {
        id: "g-audit",
        clusterId: "c1",
        clusterName: "local",
        groupId: "audit",
        lagStatus: "ERR",
        totalLag: 900,
        maxTimeLagSeconds: 60,
        clientIds: ["audit-service-1"],
      },
    ],
    services: [
      { name: "order-service", ownerTeam: "shop" },
      { name: "billing-service", ownerTeam: "money" },
      { name: "audit-service", ownerTeam: null },
    ],
    observed: [
      { kind: "PRODUCES", clusterId: "", service: "order-service", topic: "orders", groupId: "", firstSeenAt: t0, lastSeenAt: t1 },
      { kind: "CONSUMES", clusterId: "", service: "billing-service", topic: "orders", groupId: "billing", firstSeenAt: t0, lastSeenAt: t1 },
      { kind: "PRODUCES", clusterId: "", service: "billing-service", topic: "payments", groupId: "", firstSeenAt: t0, lastSeenAt: t1 },
      { kind: "PRODUCES", clusterId: "", service: "billing-service", topic: "orders.DLQ", groupId: "", firstSeenAt: t0, lastSeenAt: t1 },
      { kind: "READS", clusterId: "c1", service: "", topic: "orders", groupId: "billing", firstSeenAt: t0, lastSeenAt: t1 },
      { kind: "READS", clusterId: "c1", service: "", topic: "orders", groupId: "audit", firstSeenAt: t0, lastSeenAt: t1 },
    ],
    declared: [],
    mappings: [],
    spanRates: new Map([["PRODUCES|order-service|orders|", 2]]),
    hops: new Map([["orders|billing", { p50Ms: 5, p95Ms: 20, samples: 40 }]]),
    firing: [{ alertname: "x", cluster: "local", group: "audit" }],
    ...over,
  };
}

const edge = (g: ReturnType<typeof assembleGraph>, kind: string, from: string, to: string) =>
  g.edges.find((e) => e.kind === kind && e.from === from && e.to === to);
const svc = nodeId.service;
const topic = (n: string) => nodeId.topic("c1", n);
const group = (n: string) => nodeId.group("c1", n);

describe("assembleGraph", () => {
  it("draws service → topic → group → service from spans and offsets, with rate, lag, hop latency and alerts", () => {
    const g = assembleGraph(inputs());
    const produces = edge(g, "produces", svc("order-service"), topic("orders"))!;
    expect(produces).toMatchObject({ observed: true, declared: false, drift: null, ratePerSec: 2, firstSeenAt: t0, lastSeenAt: t1 });
    expect(edge(g, "reads", topic("orders"), group("billing"))).toMatchObject({
      observed: true,
      lag: { total: 3, status: "OK", maxSeconds: 1 },
      hop: { p50Ms: 5, p95Ms: 20, samples: 40 },
      health: "ok",
    });
    expect(edge(g, "runs-as", group("billing"), svc("billing-service"))).toMatchObject({ mapping: "spans", observed: true });
    // audit has no spans: its client id "audit-service-1" names a known service.
    expect(edge(g, "runs-as", group("audit"), svc("audit-service"))).toMatchObject({
      mapping: "client-id",
      observed: true,
      declared: false,
    });
    expect(edge(g, "reads", topic("orders"), group("audit"))!.health).toBe("err");
    expect(g.nodes.find((n) => n.id === group("audit"))!.alerts).toBe(1);
    expect(edge(g, "produces", svc("billing-service"), topic("orders.DLQ"))!.health).toBe("err");
    expect(g.nodes.find((n) => n.id === topic("orders"))!.team).toBe("shop");
  });

  it("crosses a RabbitMQ hop: service → exchange → (binding) → queue → queue consumers → service, each node with its broker", () => {
    const rabbit = {
      clusterId: "r1",
      clusterName: "local-rabbitmq",
      broker: "rabbitmq",
      ownerTeam: null,
      deadLetter: false,
      messagesPerSec: 1,
      messageCount: 0,
    };
    const g = assembleGraph(
      inputs({
        topics: [
          { ...rabbit, id: "x-notifications", name: "notifications", kind: "exchange" },
          { ...rabbit, id: "q-emails", name: "emails", kind: "queue", messageCount: 4 },
          // A Kafka topic of the same name: spans that say RabbitMQ do not land on it.
          {
            ...rabbit,
            clusterId: "c1",
            clusterName: "local",
            broker: "kafka",
            id: "t-notifications",
            name: "notifications",
            kind: "topic",
          },
        ],
        groups: [
          {
            id: "qg-emails",
            clusterId: "r1",
            clusterName: "local-rabbitmq",
            kind: "queue",
            broker: "rabbitmq",
            groupId: "emails",
            lagStatus: "OK",
            totalLag: 4,
            maxTimeLagSeconds: null,
            clientIds: [],
          },
        ],
        observed: [
          {
            kind: "PRODUCES",
            clusterId: "",
            service: "notification-service",
            topic: "notifications",
            groupId: "",
            system: "rabbitmq",
            firstSeenAt: t0,
            lastSeenAt: t1,
          },
          { kind: "CONSUMES", clusterId: "", service: "email-sender", topic: "emails", groupId: "emails", firstSeenAt: t0, lastSeenAt: t1 },
        ],
        routes: [{ clusterId: "r1", from: "notifications", to: "emails" }],
        firing: [],
      }),
    );
    const x = nodeId.topic("r1", "notifications");
    const q = nodeId.topic("r1", "emails");
    const qg = nodeId.group("r1", "emails");
    expect(edge(g, "produces", svc("notification-service"), x)?.observed).toBe(true);
    expect(edge(g, "routes", x, q)?.observed).toBe(true);
    expect(edge(g, "produces", svc("notification-service"), nodeId.topic("c1", "notifications"))).toBeUndefined();
    expect(edge(g, "reads", q, qg)?.observed).toBe(true);
    expect(edge(g, "runs-as", qg, svc("email-sender"))).toBeDefined();
    expect(g.nodes.find((n) => n.id === q)).toMatchObject({ broker: "rabbitmq", subkind: "queue" });
    expect(g.nodes.find((n) => n.id === qg)).toMatchObject({ broker: "rabbitmq", subkind: "queue" });
  });

  it("marks declared edges, and drift both ways only for services that declare", () => {
    const g = assembleGraph(
      inputs({
        declared: [
          { service: "billing-service", direction: "consumes", clusterId: "", topic: "orders" },
          { service: "billing-service", direction: "produces", clusterId: "", topic: "payments" },
          { service: "billing-service", direction: "consumes", clusterId: "", topic: "refunds" },
        ],
      }),
    );
    expect(edge(g, "reads", topic("orders"), group("billing"))).toMatchObject({ observed: true, declared: true, drift: null });
    expect(edge(g, "produces", svc("billing-service"), topic("payments"))).toMatchObject({ declared: true, drift: null });
    // Produced but not declared, by a service that declares: drift.
    expect(edge(g, "produces", svc("billing-service"), topic("orders.DLQ"))!.drift).toBe("undeclared");
    // Declared but never seen; refunds is not in the catalog either.
    const refunds = g.nodes.find((n) => n.label === "refunds")!;
    expect(refunds.inCatalog).toBe(false);
    expect(edge(g, "consumes", refunds.id, svc("billing-service"))).toMatchObject({ declared: true, observed: false, drift: "not-seen" });
    // A cluster's view keeps the declared topic that no cluster has: that is where the drift is.
    const local = selectSubgraph(g, { clusterId: "c1" });
    expect(local.edges.some((e) => e.from === refunds.id && e.drift === "not-seen")).toBe(true);
    expect(selectSubgraph(g, { clusterId: "c2" }).nodes).toEqual([]);
    // order-service declares nothing: its traffic is not drift.
    expect(edge(g, "produces", svc("order-service"), topic("orders"))!.drift).toBeNull();
  });

  it("lets a confirmed mapping override spans", () => {
    const g = assembleGraph(inputs({ mappings: [{ clusterId: "c1", groupId: "billing", service: "ledger" }] }));
    expect(edge(g, "runs-as", group("billing"), svc("ledger"))).toMatchObject({ mapping: "confirmed", declared: true, observed: true });
    expect(edge(g, "runs-as", group("billing"), svc("billing-service"))).toBeUndefined();
  });

  it("focuses, filters and walks downstream", () => {
    const g = assembleGraph(inputs());
    const focus = selectSubgraph(g, { focus: topic("payments"), hops: 1, direction: "upstream" });
    expect(focus.nodes.map((n) => n.id).sort()).toEqual([svc("billing-service"), topic("payments")].sort());
    const team = selectSubgraph(g, { team: "money" });
    expect(team.nodes.map((n) => n.label)).toContain("payments");
    expect(team.nodes.map((n) => n.label)).not.toContain("order-service");
    const rows = downstream(g, [topic("orders")]);
    expect(rows.map((r) => [r.node.label, r.depth])).toEqual([
      ["billing", 1],
      ["audit", 1],
      ["billing-service", 2],
      ["audit-service", 2],
      ["payments", 3],
      ["orders.DLQ", 3],
    ]);
    expect(rows.find((r) => r.node.label === "billing")!.owner).toBe("money");
  });
});

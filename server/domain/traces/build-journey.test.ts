import { describe, expect, it } from "vitest";
import { buildJourney } from "./build-journey";
import type { JourneySpan } from "./journey-types";
import { SPAN_KIND } from "./span-types";

const T0 = 1_700_000_000_000_000_000n;
const ms = (x: number) => T0 + BigInt(Math.round(x * 1_000_000));
function span(p: Partial<JourneySpan> & { traceId: string; spanId: string; start: number; end: number }): JourneySpan {
  const { start, end, ...rest } = p;
  return {
    parentSpanId: null,
    name: p.spanId,
    kind: SPAN_KIND.INTERNAL,
    service: "svc",
    statusCode: 0,
    msgOperation: null,
    msgDestination: null,
    msgGroup: null,
    msgKey: null,
    msgPartition: null,
    msgOffset: null,
    links: [],
    ...rest,
    startNs: ms(start),
    endNs: ms(end),
  };
}
const send = (traceId: string, spanId: string, parentSpanId: string, topic: string, start: number, end: number, service: string) =>
  span({
    traceId,
    spanId,
    parentSpanId,
    kind: SPAN_KIND.PRODUCER,
    msgSystem: "kafka",
    msgOperation: "send",
    msgDestination: topic,
    service,
    start,
    end,
  });
const process = (p: Partial<JourneySpan> & { traceId: string; spanId: string; start: number; end: number; topic: string }) =>
  span({ kind: SPAN_KIND.CONSUMER, msgSystem: "kafka", msgOperation: "process", msgDestination: p.topic, ...p });

describe("buildJourney", () => {
  it("follows parent-style hops (kafkajs eachMessage): dwell per hop, fan-out, pre-order, critical path", () => {
    const t = "a".repeat(32);
    const j = buildJourney([
      span({ traceId: t, spanId: "root", name: "place order", service: "order-service", start: 0, end: 12 }),
      send(t, "s1", "root", "orders", 1, 10, "order-service"),
      process({
        traceId: t,
        spanId: "bill",
        parentSpanId: "s1",
        topic: "orders",
        msgGroup: "billing",
        service: "billing-service",
        start: 25,
        end: 40,
      }),
      process({ traceId: t, spanId: "inv", parentSpanId: "s1", topic: "orders", service: "inventory-service", start: 14, end: 18 }),
      send(t, "s2", "bill", "payments", 30, 38, "billing-service"),
      process({
        traceId: t,
        spanId: "ship",
        parentSpanId: "s2",
        topic: "payments",
        msgGroup: "shipping",
        service: "shipping-service",
        start: 60,
        end: 70,
      }),
    ]);
    expect(j.rows.map((r) => [r.spanId, r.depth, r.via])).toEqual([
      ["root", 0, "root"],
      ["s1", 1, "parent"],
      ["inv", 2, "parent"],
      ["bill", 2, "parent"],
      ["s2", 3, "parent"],
      ["ship", 4, "parent"],
    ]);
    const hop = (id: string) => j.rows.find((r) => r.spanId === id)!.hop;
    expect(hop("bill")).toEqual({
      producerKey: `${t}-s1`,
      system: "kafka",
      topic: "orders",
      group: "billing",
      dwellStartMs: 10,
      dwellMs: 15,
      skewed: false,
    });
    // No group attribute: the consuming service names the hop.
    expect(hop("inv")).toMatchObject({ topic: "orders", group: "inventory-service", dwellMs: 4 });
    expect(hop("ship")).toMatchObject({ topic: "payments", group: "shipping", dwellStartMs: 38, dwellMs: 22 });
    expect(j.rows.filter((r) => r.critical).map((r) => r.spanId)).toEqual(["root", "s1", "bill", "s2", "ship"]);
    expect([j.hops, j.durationMs, j.topics, j.services]).toEqual([
      3,
      70,
      ["orders", "payments"],
      ["order-service", "inventory-service", "billing-service", "shipping-service"],
    ]);
  });

  it("stitches link-style hops from other traces (eachBatch, Java's default) under their producer", () => {
    const a = "a".repeat(32);
    const b = "b".repeat(32);
    const j = buildJourney([
      send(a, "s1", "", "payments", 0, 5, "billing-service"),
      // A batch poll in a trace of its own; its process span links to the producer and has a send child.
      span({
        traceId: b,
        spanId: "poll",
        kind: SPAN_KIND.CLIENT,
        msgOperation: "receive",
        msgDestination: "payments",
        service: "shipping-service",
        start: 7,
        end: 30,
      }),
      process({
        traceId: b,
        spanId: "p1",
        parentSpanId: "poll",
        topic: "payments",
        links: [{ traceId: a, spanId: "s1" }],
        service: "shipping-service",
        start: 8,
        end: 20,
      }),
      send(b, "s2", "p1", "shipments", 10, 15, "shipping-service"),
    ]);
    expect(j.rows.map((r) => [r.spanId, r.depth, r.via, r.parentKey])).toEqual([
      ["s1", 0, "root", null],
      ["poll", 1, "link", `${a}-s1`],
      ["p1", 2, "parent", `${b}-poll`],
      ["s2", 3, "parent", `${b}-p1`],
    ]);
    // The poll has no link of its own, so it is not a hop; the process span is, through its link.
    expect(j.rows.find((r) => r.spanId === "poll")!.hop).toBeNull();
    expect(j.rows.find((r) => r.spanId === "p1")!.hop).toMatchObject({ producerKey: `${a}-s1`, dwellMs: 3, group: "shipping-service" });
    expect(j.traceIds).toEqual([a, b]);
  });

  it("flags clock skew instead of drawing a negative wait", () => {
    const t = "c".repeat(32);
    const j = buildJourney([
      send(t, "s", "", "orders", 0, 10, "a"),
      process({ traceId: t, spanId: "p", parentSpanId: "s", topic: "orders", start: 8, end: 12 }),
    ]);
    expect(j.rows[1]!.hop).toMatchObject({ dwellMs: 0, skewed: true });
  });

  it("keeps every span once when links form a cycle between traces, and roots orphans", () => {
    const a = "a".repeat(32);
    const b = "b".repeat(32);
    const j = buildJourney([
      span({ traceId: a, spanId: "ra", start: 0, end: 1, links: [{ traceId: b, spanId: "rb" }] }),
      span({ traceId: b, spanId: "rb", start: 2, end: 3, links: [{ traceId: a, spanId: "ra" }] }),
      span({ traceId: a, spanId: "orphan", parentSpanId: "missing", start: 4, end: 5 }),
    ]);
    expect(j.rows.map((r) => r.spanId).sort()).toEqual(["orphan", "ra", "rb"]);
    expect(j.rows.filter((r) => r.parentKey === null).map((r) => r.spanId)).toEqual(["ra", "orphan"]);
  });

  it("walks a 100,000-hop chain without recursion", () => {
    const t = "d".repeat(32);
    const spans = Array.from({ length: 100_000 }, (_, i) =>
      span({ traceId: t, spanId: `s${i}`, parentSpanId: i ? `s${i - 1}` : null, start: i, end: i + 0.5 }),
    );
    const j = buildJourney(spans);
    expect(j.rows.length).toBe(100_000);
    expect(j.rows.at(-1)).toMatchObject({ spanId: "s99999", depth: 99_999, critical: true });
  });
});

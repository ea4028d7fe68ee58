// Trace search over spans stored through the domain: each filter narrows, summaries count hops across
// traces, and continuations (traces that link into another) can be left out.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { uniqueName } from "@/test/kafka-helpers";
import { searchTraces } from "./search-traces";
import type { SpanInput } from "./span-types";
import { storeSpans } from "./store-spans";

const hex = (n: number) => randomBytes(n).toString("hex");
const svc = uniqueName("search-svc");
const key = uniqueName("order");
const now = Date.now();
const at = (ms: number) => BigInt(now - 60_000 + ms) * 1_000_000n;
const span = (p: Partial<SpanInput> & { traceId: string; spanId: string; start: number; end: number }): SpanInput => {
  const { start, end, ...rest } = p;
  return {
    parentSpanId: null,
    name: "op",
    kind: 1,
    statusCode: 0,
    statusMessage: null,
    attributes: {},
    resource: { "service.name": svc },
    scope: null,
    events: [],
    links: [],
    ...rest,
    startNs: at(start),
    endNs: at(end),
  };
};
const a = { traceId: hex(16), send: hex(8), root: hex(8) };
const b = { traceId: hex(16), process: hex(8) };
const c = { traceId: hex(16), root: hex(8) };

beforeAll(async () => {
  await storeSpans([
    span({ traceId: a.traceId, spanId: a.root, name: "place order", start: 0, end: 50 }),
    span({
      traceId: a.traceId,
      spanId: a.send,
      parentSpanId: a.root,
      name: "send orders",
      kind: 4,
      start: 1,
      end: 5,
      attributes: { "messaging.system": "kafka", "messaging.destination.name": "orders", "messaging.kafka.message.key": key },
    }),
    // A consumer in a trace of its own, linked to the send: a continuation of A's journey.
    span({
      traceId: b.traceId,
      spanId: b.process,
      name: "process orders",
      kind: 5,
      start: 10,
      end: 30,
      statusCode: 2,
      attributes: { "messaging.system": "kafka", "messaging.destination.name": "orders", "messaging.kafka.consumer.group": "billing" },
      links: [{ traceId: a.traceId, spanId: a.send, attributes: {} }],
    }),
    span({ traceId: c.traceId, spanId: c.root, name: "healthcheck", start: 100, end: 101 }),
  ]);
});

const ids = (r: Awaited<ReturnType<typeof searchTraces>>) => r.traces.map((t) => t.traceId).sort();

describe("searchTraces", () => {
  it("summarises traces, counting hops that happened in linked traces", async () => {
    const r = await searchTraces({ service: svc });
    expect(ids(r)).toEqual([a.traceId, b.traceId, c.traceId].sort());
    expect(r.traces.find((t) => t.traceId === a.traceId)).toMatchObject({
      rootName: "place order",
      spans: 2,
      hops: 1,
      errors: 0,
      durationMs: 50,
    });
    expect(r.traces.find((t) => t.traceId === b.traceId)).toMatchObject({ spans: 1, hops: 1, errors: 1 });
  });

  it("filters by topic, group (old attribute name), key, errors, duration and journey starts", async () => {
    expect(ids(await searchTraces({ service: svc, topic: "orders" }))).toEqual([a.traceId, b.traceId].sort());
    expect(ids(await searchTraces({ service: svc, group: "billing" }))).toEqual([b.traceId]);
    expect(ids(await searchTraces({ key }))).toEqual([a.traceId]);
    expect(ids(await searchTraces({ service: svc, status: "error" }))).toEqual([b.traceId]);
    expect(ids(await searchTraces({ service: svc, minDurationMs: 10 }))).toEqual([a.traceId, b.traceId].sort());
    expect(ids(await searchTraces({ service: svc, journeyStartsOnly: true }))).toEqual([a.traceId, c.traceId].sort());
    expect(ids(await searchTraces({ service: svc, from: now + 1_000, to: now + 2_000 }))).toEqual([]);
  });

  it("pages newest first", async () => {
    const first = await searchTraces({ service: svc, pageSize: 5, page: 1 });
    expect(first.traces[0]!.traceId).toBe(c.traceId);
    expect(first.hasMore).toBe(false);
  });
});

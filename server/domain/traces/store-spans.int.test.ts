// Batches that arrive while one is being written are stored together, in one transaction (PostgreSQL
// spends far less a span that way), and a batch PostgreSQL refuses fails alone: the batches it was
// grouped with are stored and their callers never see its error.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { rawQuery } from "@/server/db";
import { dayOf, spanBatch, type SpanBatch } from "./span-lines";
import type { SpanInput } from "./span-types";
import { storeSpanBatch } from "./store-spans";

const hex = (n: number) => randomBytes(n).toString("hex");
const now = BigInt(Date.now()) * 1_000_000n;

function batchOf(count: number): { batch: SpanBatch; traceId: string } {
  const traceId = hex(16);
  const spans: SpanInput[] = Array.from({ length: count }, (_, i) => ({
    traceId,
    spanId: hex(8),
    parentSpanId: null,
    name: "op",
    kind: 1,
    startNs: now + BigInt(i),
    endNs: now + BigInt(i) + 1_000n,
    statusCode: 0,
    statusMessage: null,
    attributes: { "messaging.system": "kafka", "messaging.destination.name": "orders" },
    resource: { "service.name": "grouped-writes" },
    scope: null,
    events: [],
    links: i === 0 ? [{ traceId: hex(16), spanId: hex(8), attributes: {} }] : [],
  }));
  return { batch: spanBatch(spans), traceId };
}

/** Spans stored per trace, and in how many transactions they were written (rows of one transaction share xmin). */
async function stored(traceIds: string[]) {
  const [row] = await rawQuery<{ spans: number; transactions: number; links: number }>(
    `SELECT count(*)::int AS spans, count(DISTINCT xmin::text)::int AS transactions,
            (SELECT count(*)::int FROM "SpanLink" WHERE "traceId" = ANY($1)) AS links
       FROM "Span" WHERE "traceId" = ANY($1)`,
    [traceIds],
  );
  return row!;
}

describe("storing span batches", () => {
  it("writes the batches that wait behind a write together, a batch sent again among them once", async () => {
    const batches = Array.from({ length: 5 }, () => batchOf(20));
    const retried = batches[1]!;
    await Promise.all([...batches, retried].map((b) => storeSpanBatch(b.batch)));
    // The first is written at once; the other four, and the retry of one of them, wait and go together.
    expect(await stored(batches.map((b) => b.traceId))).toEqual({ spans: 100, transactions: 2, links: 5 });
  });

  it("a batch PostgreSQL refuses fails alone; the batches it was grouped with are stored", async () => {
    const first = batchOf(10);
    const before = batchOf(10);
    const after = batchOf(10);
    // Lines COPY cannot read: two fields where a span has 22.
    const refused: SpanBatch = { rows: Buffer.from("a\tb\n"), count: 1, links: null, resources: [], days: [dayOf(now)] };
    const results = await Promise.allSettled([first, before, { batch: refused }, after].map((b) => storeSpanBatch(b.batch)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/missing data for column/);
    expect(await stored([first.traceId, before.traceId, after.traceId])).toMatchObject({ spans: 30, links: 3 });
  });
});

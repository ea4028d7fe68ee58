// Hop latencies over a window are the same whether their pairs were folded or not: before any fold,
// after one, when a producer's span arrives after its consumer's was folded (and the other way round),
// by parent and by link, and for a window that starts inside a minute. Checked against the buckets of
// the pairs' own latencies, computed here.
import { describe, expect, it } from "vitest";
import { uniqueName } from "@/test/kafka-helpers";
import { messagingSpan } from "@/test/span-helpers";
import { bucketOf, quantileOf } from "./latency-buckets";
import { hopLatenciesSince } from "./hop-latencies";
import { foldSpanFlows } from "./span-flows";
import { SPAN_KIND, type SpanInput } from "./span-types";
import { storeSpans } from "./store-spans";

const topic = uniqueName("hop-topic");
const MINUTE_NS = 60_000_000_000n;
// A minute boundary twenty minutes ago; the window starts 30 s after it.
const base = ((BigInt(Date.now() - 20 * 60_000) * 1_000_000n) / MINUTE_NS) * MINUTE_NS;
const since = base + 30_000_000_000n;

function span(kind: number, startNs: bigint, extra: Partial<SpanInput> = {}): SpanInput {
  const service = kind === SPAN_KIND.PRODUCER ? "hop-producer" : "hop-consumer";
  return { ...messagingSpan({ kind, startNs, topic, service }), ...extra };
}

type Pair = { producer: SpanInput; consumer: SpanInput; ms: number };

/** A consumer span starting `atSeconds` after `base`, `ms` after its producer's; by parent or by link. */
function pair(atSeconds: number, ms: number, by: "parent" | "link"): Pair {
  const start = base + BigInt(atSeconds) * 1_000_000_000n;
  const producer = span(SPAN_KIND.PRODUCER, start - BigInt(Math.round(ms * 1e6)));
  const consumer =
    by === "parent"
      ? span(SPAN_KIND.CONSUMER, start, { traceId: producer.traceId, parentSpanId: producer.spanId })
      : span(SPAN_KIND.CONSUMER, start, { links: [{ traceId: producer.traceId, spanId: producer.spanId, attributes: {} }] });
  return { producer, consumer, ms };
}

/** What the pairs themselves give (consumers started in the window), as the read reports it. */
function expected(pairs: Pair[]) {
  const counts = new Map<number, number>();
  const inWindow = pairs.filter((p) => p.consumer.startNs > since);
  for (const p of inWindow) counts.set(bucketOf(p.ms * 1e6), (counts.get(bucketOf(p.ms * 1e6)) ?? 0) + 1);
  return inWindow.length
    ? [{ topic, groupId: "billing", p50Ms: quantileOf(counts, 0.5), p95Ms: quantileOf(counts, 0.95), samples: inWindow.length }]
    : [];
}

const measured = async () => (await hopLatenciesSince(since)).filter((h) => h.topic === topic);

describe("hop latencies", () => {
  it("are the pairs' own before a fold, after it, and when either span of a pair arrives after a fold", async () => {
    const first = [
      pair(20, 7.3, "parent"), // before the window
      pair(40, 3.7, "parent"), // its first, partial minute
      pair(45, 250.5, "link"),
      pair(75, 12.3, "parent"),
      pair(130, 1_900.2, "link"),
      pair(140, 41.7, "parent"),
    ];
    await storeSpans(first.flatMap((p) => [p.producer, p.consumer]));
    expect(await measured()).toEqual(expected(first));

    await foldSpanFlows({ settleMs: 0 });
    expect(await measured()).toEqual(expected(first));

    // Consumers stored and folded before their producers arrive, in a whole minute and in the partial one.
    const late = [pair(90, 5.1, "parent"), pair(50, 610.4, "link"), pair(100, 88.8, "link")];
    await storeSpans(late.map((p) => p.consumer));
    await foldSpanFlows({ settleMs: 0 });
    expect(await measured()).toEqual(expected(first));
    await storeSpans(late.map((p) => p.producer));
    expect(await measured()).toEqual(expected([...first, ...late]));
    await foldSpanFlows({ settleMs: 0 });
    expect(await measured()).toEqual(expected([...first, ...late]));

    // And the other way round: producers folded first, then their consumers.
    const early = [pair(110, 2.2, "parent"), pair(35, 19.9, "link")];
    await storeSpans(early.map((p) => p.producer));
    await foldSpanFlows({ settleMs: 0 });
    await storeSpans(early.map((p) => p.consumer));
    const all = [...first, ...late, ...early];
    expect(await measured()).toEqual(expected(all));
    await foldSpanFlows({ settleMs: 0 });
    expect(await measured()).toEqual(expected(all));
    expect((await measured())[0]!.samples).toBe(10);
  });
});

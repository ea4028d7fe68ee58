// Per-flow span counts over a window are the same whether the spans were folded into minutes or not:
// before any fold, after one, with spans stored after it (some of them starting in minutes already
// folded), and at a window that starts inside a minute. Checked against counting the spans themselves.
import { describe, expect, it } from "vitest";
import { uniqueName } from "@/test/kafka-helpers";
import { messagingSpan } from "@/test/span-helpers";
import { foldSpanFlows, spanFlowsSince } from "./span-flows";
import { SPAN_KIND, STATUS_CODE, type SpanInput } from "./span-types";
import { storeSpans } from "./store-spans";

const producer = uniqueName("flow-producer");
const consumer = uniqueName("flow-consumer");
const topic = uniqueName("flow-topic");
const MINUTE_NS = 60_000_000_000n;
// A minute boundary twenty minutes ago; the window starts 30 s after it.
const base = ((BigInt(Date.now() - 20 * 60_000) * 1_000_000n) / MINUTE_NS) * MINUTE_NS;
const since = base + 30_000_000_000n;

const span = (service: string, kind: number, atSeconds: number, failed = false): SpanInput =>
  messagingSpan({ kind, startNs: base + BigInt(atSeconds) * 1_000_000_000n, topic, service, failed });

/** What counting the stored spans themselves gives, for this test's services. */
function expected(spans: SpanInput[]) {
  const out = new Map<string, { count: number; failed: number; firstNs: bigint }>();
  for (const s of spans.filter((x) => x.startNs > since)) {
    const key = `${s.kind} ${s.resource["service.name"]}`;
    const e = out.get(key) ?? { count: 0, failed: 0, firstNs: s.startNs };
    e.count++;
    if (s.statusCode === STATUS_CODE.ERROR) e.failed++;
    if (s.startNs < e.firstNs) e.firstNs = s.startNs;
    out.set(key, e);
  }
  return Object.fromEntries([...out].sort());
}

async function counted() {
  const flows = (await spanFlowsSince(since)).filter((f) => f.service === producer || f.service === consumer);
  for (const f of flows) expect(f).toMatchObject({ system: "kafka", topic, groupId: f.kind === SPAN_KIND.CONSUMER ? "billing" : "" });
  return Object.fromEntries(flows.map((f) => [`${f.kind} ${f.service}`, { count: f.count, failed: f.failed, firstNs: f.firstNs }]).sort());
}

describe("span flow counts", () => {
  it("are the spans' own counts before a fold, after it, and with spans stored after it", async () => {
    // Before the window, in its first (partial) minute, and in whole minutes after it.
    const first = [
      span(producer, SPAN_KIND.PRODUCER, 10),
      span(producer, SPAN_KIND.PRODUCER, 45),
      span(producer, SPAN_KIND.PRODUCER, 75),
      span(producer, SPAN_KIND.PRODUCER, 200),
      span(consumer, SPAN_KIND.CONSUMER, 20, true),
      span(consumer, SPAN_KIND.CONSUMER, 50, true),
      span(consumer, SPAN_KIND.CONSUMER, 80),
      span(consumer, SPAN_KIND.CONSUMER, 130, true),
    ];
    await storeSpans(first);
    expect(await counted()).toEqual(expected(first));

    expect((await foldSpanFlows({ settleMs: 0 })).spans).toBeGreaterThanOrEqual(first.length);
    expect(await counted()).toEqual(expected(first));

    // Arriving after the fold, starting in minutes it already counted (and in the partial one).
    const later = [
      span(producer, SPAN_KIND.PRODUCER, 35),
      span(producer, SPAN_KIND.PRODUCER, 90),
      span(consumer, SPAN_KIND.CONSUMER, 140, true),
    ];
    await storeSpans(later);
    expect(await counted()).toEqual(expected([...first, ...later]));

    await foldSpanFlows({ settleMs: 0 });
    expect(await counted()).toEqual(expected([...first, ...later]));
  });
});

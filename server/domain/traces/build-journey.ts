// Spans of one or more traces → one waterfall. Parent ids join spans inside a trace; a trace whose
// root has no parent hangs under the span its own spans link to (the producer of the message they
// consumed), which is how OpenTelemetry joins asynchronous hops by default. Everything is iterative
// and linear in the number of spans (plus one sort), so depth is never limited by a call stack.
import { spanKey, type Hop, type Journey, type JourneyRow, type JourneySpan } from "./journey-types";
import { SPAN_KIND } from "./span-types";

const NS_PER_MS = 1_000_000;
const isProducer = (s: JourneySpan) => s.kind === SPAN_KIND.PRODUCER || s.msgOperation === "send" || s.msgOperation === "create";
const isConsumer = (s: JourneySpan) => s.kind === SPAN_KIND.CONSUMER || s.msgOperation === "process" || s.msgOperation === "receive";

export function buildJourney(input: JourneySpan[], opts: { truncated?: boolean } = {}): Journey {
  // Earliest first; ties by key so the layout is stable.
  const spans = [...input].sort((a, b) =>
    a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : spanKey(a.traceId, a.spanId) < spanKey(b.traceId, b.spanId) ? -1 : 1,
  );
  const n = spans.length;
  const index = new Map<string, number>();
  spans.forEach((s, i) => index.set(spanKey(s.traceId, s.spanId), i));

  // 1. Parents inside a trace.
  const parent = new Int32Array(n).fill(-1);
  const via: JourneyRow["via"][] = new Array(n).fill("root");
  for (let i = 0; i < n; i++) {
    const s = spans[i]!;
    const p = s.parentSpanId ? index.get(spanKey(s.traceId, s.parentSpanId)) : undefined;
    if (p !== undefined && p !== i) {
      parent[i] = p;
      via[i] = "parent";
    }
  }

  // 2. The in-trace root of every span (path compression keeps this linear; a parent loop in bad data
  // is cut where it closes).
  const root = new Int32Array(n).fill(-1);
  const path: number[] = [];
  const onPath = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let j = i;
    while (root[j] === -1 && parent[j] !== -1 && !onPath[j]) {
      onPath[j] = 1;
      path.push(j);
      j = parent[j]!;
    }
    if (onPath[j]) {
      parent[j] = -1; // j closes a loop: make it a root
      via[j] = "root";
    }
    const r = root[j] !== -1 ? root[j]! : j;
    root[j] = r;
    for (const k of path) {
      root[k] = r;
      onPath[k] = 0;
    }
    path.length = 0;
  }

  // 3. Trace roots without a parent hang under the first span (by start) that one of their spans links to.
  for (let i = 0; i < n; i++) {
    const s = spans[i]!;
    const r = root[i]!;
    if (parent[r] !== -1) continue;
    for (const link of s.links) {
      const target = index.get(spanKey(link.traceId, link.spanId));
      if (target === undefined || root[target] === r) continue;
      parent[r] = target;
      via[r] = "link";
      break;
    }
  }

  // 4. Children lists in start order (spans are sorted), then a pre-order walk from the roots. Link
  // attachments can form cycles between traces (A links into B, B into A); whatever the walk from
  // the roots cannot reach is in such a cycle, and its earliest span becomes a root.
  const childStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (parent[i] !== -1) childStart[parent[i]! + 1]!++;
  for (let i = 0; i < n; i++) childStart[i + 1]! += childStart[i]!;
  const children = new Int32Array(n);
  const fill = childStart.slice(0, n);
  for (let i = 0; i < n; i++) if (parent[i] !== -1) children[fill[parent[i]!]!++] = i;

  const depth = new Int32Array(n);
  const order: number[] = [];
  const visited = new Uint8Array(n);
  const stack: number[] = [];
  const walkFrom = (start: number) => {
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      if (visited[i]) continue;
      visited[i] = 1;
      order.push(i);
      // Push in reverse so the earliest child is visited first.
      for (let c = childStart[i + 1]! - 1; c >= childStart[i]!; c--) {
        const child = children[c]!;
        // A child listed under a parent it was detached from (a broken cycle) is already placed.
        if (visited[child] || parent[child] !== i) continue;
        depth[child] = depth[i]! + 1;
        stack.push(child);
      }
    }
  };
  for (let i = 0; i < n; i++) if (parent[i] === -1) walkFrom(i);
  if (order.length < n) {
    for (let i = 0; i < n; i++) {
      if (visited[i]) continue;
      parent[i] = -1;
      via[i] = "root";
      walkFrom(i);
    }
    // Walk again so the new roots take their place among the others, in start order.
    order.length = 0;
    visited.fill(0);
    for (let i = 0; i < n; i++) {
      if (parent[i] !== -1) continue;
      depth[i] = 0;
      walkFrom(i);
    }
  }

  // 5. Hops: a consumer span whose parent or linked span is a producer span.
  const journeyStart = n ? spans[0]!.startNs : 0n;
  const ms = (ns: bigint) => Number(ns - journeyStart) / NS_PER_MS;
  const hops: (Hop | null)[] = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    const s = spans[i]!;
    if (!isConsumer(s)) continue;
    let producer = parent[i] !== -1 && via[i] === "parent" && isProducer(spans[parent[i]!]!) ? parent[i]! : -1;
    for (const link of s.links) {
      if (producer !== -1) break;
      const target = index.get(spanKey(link.traceId, link.spanId));
      if (target !== undefined && isProducer(spans[target]!)) producer = target;
    }
    if (producer === -1) continue;
    const p = spans[producer]!;
    const dwell = Number(s.startNs - p.endNs) / NS_PER_MS;
    hops[i] = {
      producerKey: spanKey(p.traceId, p.spanId),
      system: s.msgSystem ?? p.msgSystem ?? null,
      topic: s.msgDestination ?? p.msgDestination,
      group: s.msgGroup ?? s.service,
      dwellStartMs: ms(p.endNs),
      dwellMs: Math.max(0, dwell),
      skewed: dwell < 0,
    };
  }

  // 6. Critical path: from the span that ends last up through its (display) parents.
  const critical = new Uint8Array(n);
  let last = -1;
  for (let i = 0; i < n; i++) if (last === -1 || spans[i]!.endNs > spans[last]!.endNs) last = i;
  for (let i = last; i !== -1 && !critical[i]; i = parent[i]!) critical[i] = 1;

  const rows: JourneyRow[] = order.map((i) => {
    const s = spans[i]!;
    return {
      key: spanKey(s.traceId, s.spanId),
      traceId: s.traceId,
      spanId: s.spanId,
      parentKey: parent[i] === -1 ? null : spanKey(spans[parent[i]!]!.traceId, spans[parent[i]!]!.spanId),
      depth: depth[i]!,
      via: via[i]!,
      name: s.name,
      service: s.service,
      kind: s.kind,
      statusCode: s.statusCode,
      startMs: ms(s.startNs),
      durationMs: Number(s.endNs - s.startNs) / NS_PER_MS,
      childCount: childStart[i + 1]! - childStart[i]!,
      critical: critical[i] === 1,
      messaging:
        s.msgOperation || s.msgDestination
          ? {
              system: s.msgSystem ?? null,
              operation: s.msgOperation,
              destination: s.msgDestination,
              group: s.msgGroup,
              key: s.msgKey,
              partition: s.msgPartition,
              offset: s.msgOffset?.toString() ?? null,
            }
          : null,
      hop: hops[i]!,
    };
  });
  const end = spans.reduce((m, s) => (s.endNs > m ? s.endNs : m), journeyStart);
  return {
    rows,
    startNs: journeyStart.toString(),
    durationMs: ms(end),
    traceIds: [...new Set(spans.map((s) => s.traceId))],
    services: [...new Set(rows.map((r) => r.service))],
    topics: [...new Set(rows.flatMap((r) => (r.hop?.topic ? [r.hop.topic] : [])))],
    hops: hops.filter(Boolean).length,
    truncated: opts.truncated ?? false,
  };
}

// Which spans of a linked trace belong to a journey. A trace reached through a link (a batch poll
// that consumed this order's message among others, or the producer trace upstream) is cut down to
// the spans around the linked ones: their ancestors and descendants. Siblings that handled other
// messages belong to other journeys.
import { spanKey, type JourneySpan } from "./journey-types";

export function keepAround(spans: JourneySpan[], seeds: Set<string>): JourneySpan[] {
  // When every span that links out of this trace is one of ours (a batch of one, or a batch of only
  // this journey's messages), the whole trace is ours: work a batch consumer does after processing
  // (a send under the poll span) cannot be told apart per message, but here it needs not be.
  if (spans.every((s) => !s.links.length || seeds.has(spanKey(s.traceId, s.spanId)))) return spans;
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const children = new Map<string, JourneySpan[]>();
  for (const s of spans) {
    if (!s.parentSpanId || !byId.has(s.parentSpanId)) continue;
    const list = children.get(s.parentSpanId) ?? [];
    list.push(s);
    children.set(s.parentSpanId, list);
  }
  const keep = new Set<string>();
  const down: JourneySpan[] = [];
  for (const s of spans) {
    if (!seeds.has(spanKey(s.traceId, s.spanId))) continue;
    down.push(s);
    // Ancestors, up to the trace root (stops at one already kept, or at a loop in bad data).
    for (
      let p = s.parentSpanId ? byId.get(s.parentSpanId) : undefined;
      p && !keep.has(p.spanId);
      p = p.parentSpanId ? byId.get(p.parentSpanId) : undefined
    ) {
      keep.add(p.spanId);
    }
  }
  const expanded = new Set<string>();
  while (down.length) {
    const s = down.pop()!;
    if (expanded.has(s.spanId)) continue;
    expanded.add(s.spanId);
    keep.add(s.spanId);
    for (const c of children.get(s.spanId) ?? []) if (!expanded.has(c.spanId)) down.push(c);
  }
  return spans.filter((s) => keep.has(s.spanId));
}

// A journey from the database: start with one trace, follow span links upstream (to the producers
// our spans consumed from) and downstream (to consumers in other traces that link to our spans),
// round by round, until nothing new turns up or the caps are reached.
import { db } from "@/server/db";
import { buildJourney } from "./build-journey";
import { keepAround } from "./journey-scope";
import { spanKey, type Journey, type JourneySpan } from "./journey-types";

export const JOURNEY_LIMITS = { spans: 20_000, traces: 500 };

const LIGHT = {
  traceId: true,
  spanId: true,
  parentSpanId: true,
  name: true,
  kind: true,
  service: true,
  startNs: true,
  endNs: true,
  statusCode: true,
  msgOperation: true,
  msgDestination: true,
  msgGroup: true,
  msgSystem: true,
  msgKey: true,
  msgPartition: true,
  msgOffset: true,
  links: true,
} as const;

async function loadTraces(traceIds: string[]): Promise<Map<string, JourneySpan[]>> {
  const rows = await db.span.findMany({ where: { traceId: { in: traceIds } }, select: LIGHT });
  const out = new Map<string, JourneySpan[]>(traceIds.map((t) => [t, []]));
  for (const r of rows) {
    const links = Array.isArray(r.links)
      ? (r.links as { traceId: string; spanId: string }[]).map((l) => ({ traceId: l.traceId, spanId: l.spanId }))
      : [];
    out.get(r.traceId)!.push({ ...r, links });
  }
  return out;
}

export async function loadJourney(traceId: string): Promise<Journey | null> {
  const traces = new Map<string, JourneySpan[]>();
  const kept = new Map<string, JourneySpan>();
  let frontier = new Map<string, Set<string> | "all">([[traceId, "all"]]);
  let truncated = false;
  const seed = (next: Map<string, Set<string> | "all">, t: string, key: string) => {
    const seeds = next.get(t);
    if (seeds === "all") return;
    if (seeds) seeds.add(key);
    else next.set(t, new Set([key]));
  };

  while (frontier.size) {
    let missing = [...frontier.keys()].filter((t) => !traces.has(t));
    if (traces.size + missing.length > JOURNEY_LIMITS.traces) {
      truncated = true;
      missing = missing.slice(0, Math.max(0, JOURNEY_LIMITS.traces - traces.size));
    }
    if (missing.length) for (const [t, spans] of await loadTraces(missing)) traces.set(t, spans);

    const added: JourneySpan[] = [];
    for (const [t, seeds] of frontier) {
      const spans = traces.get(t);
      if (!spans) continue;
      for (const s of seeds === "all" ? spans : keepAround(spans, seeds)) {
        const key = spanKey(s.traceId, s.spanId);
        if (kept.has(key)) continue;
        kept.set(key, s);
        added.push(s);
      }
    }
    if (kept.size > JOURNEY_LIMITS.spans) {
      truncated = true;
      break;
    }
    const next = new Map<string, Set<string> | "all">();
    // Upstream: producers our new spans link to.
    for (const s of added)
      for (const l of s.links) if (!kept.has(spanKey(l.traceId, l.spanId))) seed(next, l.traceId, spanKey(l.traceId, l.spanId));
    // Downstream: spans in other traces that link to our new spans.
    const addedKeys = new Set(added.map((s) => spanKey(s.traceId, s.spanId)));
    const addedTraces = [...new Set(added.map((s) => s.traceId))];
    if (addedTraces.length) {
      const incoming = await db.spanLink.findMany({ where: { linkedTraceId: { in: addedTraces } } });
      for (const l of incoming) {
        const from = spanKey(l.traceId, l.spanId);
        if (addedKeys.has(spanKey(l.linkedTraceId, l.linkedSpanId)) && !kept.has(from)) seed(next, l.traceId, from);
      }
    }
    frontier = next;
  }
  return kept.size ? buildJourney([...kept.values()], { truncated }) : null;
}

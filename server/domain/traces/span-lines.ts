// A batch of spans as PostgreSQL's COPY reads them: pure work (no database), so an OTLP receiver can
// do it beside its event loop (server/http/otlp/decode-thread.ts) and hand over bytes to store.
import { createHash } from "node:crypto";
import { messagingFields, normalizeAttributes } from "./messaging";
import type { Attributes, SpanInput } from "./span-types";

const NS_PER_DAY = 86_400_000_000_000n;

/** The day index (days since 1970-01-01 UTC) a start time in nanoseconds falls in: spans are stored by day. */
export function dayOf(startNs: bigint): number {
  const q = startNs / NS_PER_DAY;
  // BigInt division truncates toward zero; a day index rounds down (a start before 1970 is day -1 or less).
  return Number(startNs < 0n && q * NS_PER_DAY !== startNs ? q - 1n : q);
}

export type ResourceRow = { id: string; json: string; lastDay: number };

/** The row for a resource's attributes. sha-256: two resources must never share an id, even one made to. */
export function resourceRow(resource: Attributes, day: number): ResourceRow {
  const json = JSON.stringify(resource);
  return { id: createHash("sha256").update(json).digest("hex"), json, lastDay: day };
}

/** Text escaped for COPY already (a scope's JSON, made once for every span that shares it). */
class Escaped {
  constructor(readonly text: string) {}
}
type Value = string | number | null | Escaped;

// COPY's text format: a backslash, newline, carriage return or tab inside a value is escaped, and
// \N is null. (Text with NUL never gets here: the reader refuses it.) Most values hold none of the
// four: indexOf (a native scan) finds that sooner than a replace that changes nothing.
const SPECIAL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
const plain = (v: string) => v.indexOf("\\") < 0 && v.indexOf("\n") < 0 && v.indexOf("\r") < 0 && v.indexOf("\t") < 0;
function field(v: Value): string {
  if (v === null) return "\\N";
  if (typeof v === "number") return String(v);
  if (v instanceof Escaped) return v.text;
  return plain(v) ? v : v.replace(SPECIAL, (c) => ESCAPES[c]!);
}
// Each line becomes bytes as soon as it is made: joining a batch's lines into one string first cost
// ~7 µs a span (V8 copies half a megabyte of parts into a new string, then encodes it again for the
// socket), against ~1 µs for encoding lines one by one and concatenating the bytes.
const line = (values: Value[]) => Buffer.from(`${values.map(field).join("\t")}\n`);

/** A batch as COPY lines (spans, links), its resources and its days. A resource or scope is the same
 *  object for every span an SDK sent with it (the reader shares it): its JSON is made once. */
export function spanBatch(spans: SpanInput[]): SpanBatch {
  const scopes = new Map<object, Escaped>();
  const scopeText = (o: object) => {
    let text = scopes.get(o);
    if (text === undefined) scopes.set(o, (text = new Escaped(field(JSON.stringify(o)))));
    return text;
  };
  const resources = new Map<object, ResourceRow>();
  const byId = new Map<string, ResourceRow>(); // two resource objects of one batch may hold the same attributes
  const resourceOf = (s: SpanInput, day: number) => {
    let r = resources.get(s.resource);
    if (r === undefined) {
      const row = resourceRow(s.resource, day);
      r = byId.get(row.id) ?? row;
      byId.set(r.id, r);
      resources.set(s.resource, r);
    }
    if (day > r.lastDay) r.lastDay = day;
    return r.id;
  };
  const days = new Set<number>();
  const links: Buffer[] = [];
  const rows = spans.map((s) => {
    const attributes = normalizeAttributes(s.attributes);
    const m = messagingFields(attributes, s.kind);
    const service = s.resource["service.name"];
    const start = s.startNs.toString();
    const day = dayOf(s.startNs);
    days.add(day);
    for (const l of s.links) links.push(line([s.traceId, s.spanId, l.traceId, l.spanId, start]));
    return line([
      s.traceId,
      s.spanId,
      s.parentSpanId,
      s.name,
      s.kind,
      typeof service === "string" && service ? service : "unknown_service",
      start,
      s.endNs.toString(),
      s.statusCode,
      s.statusMessage,
      JSON.stringify(attributes),
      resourceOf(s, day),
      s.scope ? scopeText(s.scope) : null,
      s.events.length
        ? JSON.stringify(s.events.map((e) => ({ timeNs: e.timeNs.toString(), name: e.name, attributes: e.attributes })))
        : "[]",
      s.links.length ? JSON.stringify(s.links) : "[]",
      m.system,
      m.operation,
      m.destination,
      m.consumerGroup,
      m.messageKey,
      m.partition,
      m.offset?.toString() ?? null,
    ]);
  });
  return {
    rows: Buffer.concat(rows),
    count: rows.length,
    links: links.length ? Buffer.concat(links) : null,
    resources: [...byId.values()],
    days: [...days],
  };
}

/** COPY lines of spans and of their links, the resources they name and the days they fall in. Plain
 *  data (bytes, strings, numbers), so it crosses to another thread as it is. */
export type SpanBatch = { rows: Uint8Array; count: number; links: Uint8Array | null; resources: ResourceRow[]; days: number[] };

/** Several batches as one (to store in one transaction): their lines end to end; a resource they share
 *  once, with the latest day any of them reaches. */
export function mergeSpanBatches(batches: SpanBatch[]): SpanBatch {
  if (batches.length === 1) return batches[0]!;
  const resources = new Map<string, ResourceRow>();
  for (const r of batches.flatMap((b) => b.resources)) {
    const seen = resources.get(r.id);
    if (!seen || seen.lastDay < r.lastDay) resources.set(r.id, r);
  }
  const links = batches.flatMap((b) => (b.links ? [b.links] : []));
  return {
    rows: Buffer.concat(batches.map((b) => b.rows)),
    count: batches.reduce((n, b) => n + b.count, 0),
    links: links.length ? Buffer.concat(links) : null,
    resources: [...resources.values()],
    days: [...new Set(batches.flatMap((b) => b.days))],
  };
}

// Spans into PostgreSQL, all of a batch or none of it, with COPY: PostgreSQL reads tab-separated text
// far faster than it unpacks a JSON batch (json_to_recordset took ~40 µs a span, most of the insert).
// An exporter that retries a batch sends the same spans again: COPY refuses the duplicate keys, and
// the batch is written once more through a temporary table with ON CONFLICT DO NOTHING, so the spans
// already stored are skipped instead of failing the batch.
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { from as copyFrom } from "pg-copy-streams";
import { isUniqueViolation, rawTransaction, type RawClient } from "@/server/db";
import { messagingFields, normalizeAttributes } from "./messaging";
import { dayOf, ensureSpanDays, forgetSpanDays, isMissingPartition } from "./span-partitions";
import { ensureSpanResources, resourceRow, type ResourceRow } from "./span-resources";
import type { SpanInput } from "./span-types";

const SPAN_COLUMNS = `"traceId", "spanId", "parentSpanId", "name", "kind", "service", "startNs", "endNs", "statusCode", "statusMessage",
  "attributes", "resourceId", "scope", "events", "links", "msgSystem", "msgOperation", "msgDestination", "msgGroup", "msgKey", "msgPartition", "msgOffset"`;
const LINK_COLUMNS = `"traceId", "spanId", "linkedTraceId", "linkedSpanId", "startNs"`;

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
function linesOf(spans: SpanInput[]) {
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

type Batch = ReturnType<typeof linesOf>;

async function copy(client: RawClient, statement: string, bytes: Buffer): Promise<number> {
  const stream = client.query(copyFrom(statement));
  await pipeline(Readable.from([bytes]), stream);
  return stream.rowCount;
}

/** The common case: no span of the batch is stored yet. */
async function copyBatch(client: RawClient, batch: Batch): Promise<number> {
  const stored = await copy(client, `COPY "Span" (${SPAN_COLUMNS}) FROM STDIN`, batch.rows);
  if (batch.links) await copy(client, `COPY "SpanLink" (${LINK_COLUMNS}) FROM STDIN`, batch.links);
  return stored;
}

/** A batch sent again: what is stored already is skipped. */
async function mergeBatch(client: RawClient, batch: Batch): Promise<number> {
  await client.query(`CREATE TEMPORARY TABLE span_in (LIKE "Span" INCLUDING DEFAULTS) ON COMMIT DROP`);
  await client.query(`CREATE TEMPORARY TABLE span_link_in (LIKE "SpanLink" INCLUDING DEFAULTS) ON COMMIT DROP`);
  await copy(client, `COPY span_in (${SPAN_COLUMNS}) FROM STDIN`, batch.rows);
  if (batch.links) await copy(client, `COPY span_link_in (${LINK_COLUMNS}) FROM STDIN`, batch.links);
  const stored = (await client.query(`INSERT INTO "Span" SELECT * FROM span_in ON CONFLICT DO NOTHING`)).rowCount ?? 0;
  await client.query(`INSERT INTO "SpanLink" SELECT * FROM span_link_in ON CONFLICT DO NOTHING`);
  return stored;
}

async function write(batch: Batch): Promise<number> {
  try {
    return await rawTransaction((client) => copyBatch(client, batch));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return rawTransaction((client) => mergeBatch(client, batch));
  }
}

export async function storeSpans(spans: SpanInput[]): Promise<{ stored: number }> {
  if (!spans.length) return { stored: 0 };
  const batch = linesOf(spans);
  // Resources first, on their own: one stored for spans that then fail to store is harmless.
  await ensureSpanResources(batch.resources);
  await ensureSpanDays(batch.days);
  try {
    return { stored: await write(batch) };
  } catch (error) {
    // Retention (in this process or another) dropped a day this process thought it had: make sure
    // again and write once more. Nothing of the failed attempt was kept.
    if (!isMissingPartition(error)) throw error;
    forgetSpanDays();
    await ensureSpanDays(batch.days);
    return { stored: await write(batch) };
  }
}

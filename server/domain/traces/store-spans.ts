// Spans into PostgreSQL, all of a batch or none of it. An exporter that retries a batch sends the
// same spans again; they are skipped by primary key instead of failing the batch. The whole batch goes
// as one JSON parameter that PostgreSQL unpacks (json_to_recordset): one serialisation in the
// process and one statement per table, where column arrays cost the process a second encoding of
// every value. Keys are one letter to keep the text short; the statement names the columns.
import { rawTransaction, type RawClient } from "@/server/db";
import { messagingFields, normalizeAttributes } from "./messaging";
import { dayOf, ensureSpanDays, forgetSpanDays, isMissingPartition } from "./span-partitions";
import type { SpanInput } from "./span-types";

const INSERT_SPANS = `
  INSERT INTO "Span" ("traceId", "spanId", "parentSpanId", "name", "kind", "service", "startNs", "endNs", "statusCode", "statusMessage",
    "attributes", "resource", "scope", "events", "links", "msgSystem", "msgOperation", "msgDestination", "msgGroup", "msgKey", "msgPartition", "msgOffset")
  SELECT a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v
  FROM json_to_recordset($1::json) AS x(a text, b text, c text, d text, e int, f text, g bigint, h bigint, i int, j text,
    k jsonb, l jsonb, m jsonb, n jsonb, o jsonb, p text, q text, r text, s text, t text, u int, v bigint)
  ON CONFLICT DO NOTHING`;

const INSERT_LINKS = `
  INSERT INTO "SpanLink" ("traceId", "spanId", "linkedTraceId", "linkedSpanId", "startNs")
  SELECT a, b, c, d, e FROM json_to_recordset($1::json) AS x(a text, b text, c text, d text, e bigint)
  ON CONFLICT DO NOTHING`;

function rowsOf(spans: SpanInput[]) {
  const links: { a: string; b: string; c: string; d: string; e: string }[] = [];
  const rows = spans.map((s) => {
    const attributes = normalizeAttributes(s.attributes);
    const m = messagingFields(attributes, s.kind);
    const service = s.resource["service.name"];
    const start = s.startNs.toString();
    for (const l of s.links) links.push({ a: s.traceId, b: s.spanId, c: l.traceId, d: l.spanId, e: start });
    return {
      a: s.traceId,
      b: s.spanId,
      c: s.parentSpanId,
      d: s.name,
      e: s.kind,
      f: typeof service === "string" && service ? service : "unknown_service",
      g: start,
      h: s.endNs.toString(),
      i: s.statusCode,
      j: s.statusMessage,
      k: attributes,
      l: s.resource,
      m: s.scope,
      n: s.events.map((e) => ({ timeNs: e.timeNs.toString(), name: e.name, attributes: e.attributes })),
      o: s.links,
      p: m.system,
      q: m.operation,
      r: m.destination,
      s: m.consumerGroup,
      t: m.messageKey,
      u: m.partition,
      v: m.offset?.toString() ?? null,
    };
  });
  return { rows: JSON.stringify(rows), links: links.length ? JSON.stringify(links) : null };
}

async function insert(client: RawClient, batch: { rows: string; links: string | null }): Promise<number> {
  const stored = (await client.query(INSERT_SPANS, [batch.rows])).rowCount ?? 0;
  if (batch.links) await client.query(INSERT_LINKS, [batch.links]);
  return stored;
}

export async function storeSpans(spans: SpanInput[]): Promise<{ stored: number }> {
  if (!spans.length) return { stored: 0 };
  const batch = rowsOf(spans);
  const days = spans.map((s) => dayOf(s.startNs));
  await ensureSpanDays(days);
  try {
    return { stored: await rawTransaction((client) => insert(client, batch)) };
  } catch (error) {
    // Retention (in this process or another) dropped a day this process thought it had: make sure
    // again and write once more. Nothing of the failed attempt was kept.
    if (!isMissingPartition(error)) throw error;
    forgetSpanDays();
    await ensureSpanDays(days);
    return { stored: await rawTransaction((client) => insert(client, batch)) };
  }
}

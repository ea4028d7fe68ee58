// Spans into PostgreSQL, all of a batch or none of it. An exporter that retries a batch sends the
// same spans again; they are skipped by primary key instead of failing the batch. One INSERT … SELECT
// FROM unnest(arrays) per table: a column-wise statement with a fixed number of parameters, several
// times faster than row-wise inserts at OTLP's usual 512 spans per batch.
import { db } from "@/server/db";
import { messagingFields, normalizeAttributes } from "./messaging";
import type { SpanInput } from "./span-types";

export async function storeSpans(spans: SpanInput[]): Promise<{ stored: number }> {
  if (!spans.length) return { stored: 0 };
  const cols = {
    traceId: [] as string[],
    spanId: [] as string[],
    parentSpanId: [] as (string | null)[],
    name: [] as string[],
    kind: [] as number[],
    service: [] as string[],
    startNs: [] as string[],
    endNs: [] as string[],
    statusCode: [] as number[],
    statusMessage: [] as (string | null)[],
    attributes: [] as string[],
    resource: [] as string[],
    scope: [] as (string | null)[],
    events: [] as string[],
    links: [] as string[],
    msgSystem: [] as (string | null)[],
    msgOperation: [] as (string | null)[],
    msgDestination: [] as (string | null)[],
    msgGroup: [] as (string | null)[],
    msgKey: [] as (string | null)[],
    msgPartition: [] as (number | null)[],
    msgOffset: [] as (string | null)[],
  };
  const links = { traceId: [] as string[], spanId: [] as string[], linkedTraceId: [] as string[], linkedSpanId: [] as string[] };
  for (const s of spans) {
    const attributes = normalizeAttributes(s.attributes);
    const m = messagingFields(attributes, s.kind);
    const service = s.resource["service.name"];
    cols.traceId.push(s.traceId);
    cols.spanId.push(s.spanId);
    cols.parentSpanId.push(s.parentSpanId);
    cols.name.push(s.name);
    cols.kind.push(s.kind);
    cols.service.push(typeof service === "string" && service ? service : "unknown_service");
    cols.startNs.push(s.startNs.toString());
    cols.endNs.push(s.endNs.toString());
    cols.statusCode.push(s.statusCode);
    cols.statusMessage.push(s.statusMessage);
    cols.attributes.push(JSON.stringify(attributes));
    cols.resource.push(JSON.stringify(s.resource));
    cols.scope.push(s.scope ? JSON.stringify(s.scope) : null);
    cols.events.push(JSON.stringify(s.events.map((e) => ({ timeNs: e.timeNs.toString(), name: e.name, attributes: e.attributes }))));
    cols.links.push(JSON.stringify(s.links));
    cols.msgSystem.push(m.system);
    cols.msgOperation.push(m.operation);
    cols.msgDestination.push(m.destination);
    cols.msgGroup.push(m.consumerGroup);
    cols.msgKey.push(m.messageKey);
    cols.msgPartition.push(m.partition);
    cols.msgOffset.push(m.offset?.toString() ?? null);
    for (const l of s.links) {
      links.traceId.push(s.traceId);
      links.spanId.push(s.spanId);
      links.linkedTraceId.push(l.traceId);
      links.linkedSpanId.push(l.spanId);
    }
  }
  const c = cols;
  const [stored] = await db.$transaction([
    db.$executeRaw`
      INSERT INTO "Span" ("traceId", "spanId", "parentSpanId", "name", "kind", "service", "startNs", "endNs", "statusCode", "statusMessage",
        "attributes", "resource", "scope", "events", "links",
        "msgSystem", "msgOperation", "msgDestination", "msgGroup", "msgKey", "msgPartition", "msgOffset")
      SELECT t1, t2, t3, t4, t5, t6, t7::bigint, t8::bigint, t9, t10, t11::jsonb, t12::jsonb, t13::jsonb, t14::jsonb, t15::jsonb, t16, t17, t18, t19, t20, t21, t22::bigint
      FROM unnest(${c.traceId}::text[], ${c.spanId}::text[], ${c.parentSpanId}::text[], ${c.name}::text[], ${c.kind}::int[], ${c.service}::text[],
        ${c.startNs}::text[], ${c.endNs}::text[], ${c.statusCode}::int[], ${c.statusMessage}::text[],
        ${c.attributes}::text[], ${c.resource}::text[], ${c.scope}::text[], ${c.events}::text[], ${c.links}::text[],
        ${c.msgSystem}::text[], ${c.msgOperation}::text[], ${c.msgDestination}::text[], ${c.msgGroup}::text[], ${c.msgKey}::text[],
        ${c.msgPartition}::int[], ${c.msgOffset}::text[])
        AS t(t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15, t16, t17, t18, t19, t20, t21, t22)
      ON CONFLICT ("traceId", "spanId") DO NOTHING`,
    db.$executeRaw`
      INSERT INTO "SpanLink" ("traceId", "spanId", "linkedTraceId", "linkedSpanId")
      SELECT * FROM unnest(${links.traceId}::text[], ${links.spanId}::text[], ${links.linkedTraceId}::text[], ${links.linkedSpanId}::text[])
      ON CONFLICT DO NOTHING`,
  ]);
  return { stored };
}

/**
 * Retention: spans (and their links) that started before the cutoff, or more than a day after `now`
 * (a sender's broken clock; ingest refuses those now, older rows may hold some).
 */
export async function pruneSpans(olderThan: Date, now = new Date()): Promise<number> {
  const cutoff = BigInt(olderThan.getTime()) * 1_000_000n;
  const future = (BigInt(now.getTime()) + 86_400_000n) * 1_000_000n;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`DELETE FROM "SpanLink" l USING "Span" s WHERE s."traceId" = l."traceId" AND s."spanId" = l."spanId" AND (s."startNs" < ${cutoff} OR s."startNs" > ${future})`;
    return tx.span.deleteMany({ where: { OR: [{ startNs: { lt: cutoff } }, { startNs: { gt: future } }] } }).then((r) => r.count);
  });
}

// Spans into PostgreSQL, all of a batch or none of it. An exporter that retries a batch sends the
// same spans again; they are skipped by primary key instead of failing the batch.
import { db, type Prisma } from "@/server/db";
import { messagingFields, normalizeAttributes } from "./messaging";
import type { SpanInput } from "./span-types";

const json = (v: unknown) => v as Prisma.InputJsonValue;

export async function storeSpans(spans: SpanInput[]): Promise<{ stored: number }> {
  if (!spans.length) return { stored: 0 };
  const rows: Prisma.SpanCreateManyInput[] = spans.map((s) => {
    const attributes = normalizeAttributes(s.attributes);
    const m = messagingFields(attributes, s.kind);
    const service = s.resource["service.name"];
    return {
      traceId: s.traceId,
      spanId: s.spanId,
      parentSpanId: s.parentSpanId,
      name: s.name,
      kind: s.kind,
      service: typeof service === "string" && service ? service : "unknown_service",
      startNs: s.startNs,
      endNs: s.endNs,
      statusCode: s.statusCode,
      statusMessage: s.statusMessage,
      attributes: json(attributes),
      resource: json(s.resource),
      scope: s.scope ? json(s.scope) : undefined,
      events: json(s.events.map((e) => ({ timeNs: e.timeNs.toString(), name: e.name, attributes: e.attributes }))),
      links: json(s.links),
      msgSystem: m.system,
      msgOperation: m.operation,
      msgDestination: m.destination,
      msgGroup: m.consumerGroup,
      msgKey: m.messageKey,
      msgPartition: m.partition,
      msgOffset: m.offset,
    };
  });
  const links = spans.flatMap((s) =>
    s.links.map((l) => ({ traceId: s.traceId, spanId: s.spanId, linkedTraceId: l.traceId, linkedSpanId: l.spanId })),
  );
  const [created] = await db.$transaction([
    db.span.createMany({ data: rows, skipDuplicates: true }),
    db.spanLink.createMany({ data: links, skipDuplicates: true }),
  ]);
  return { stored: created.count };
}

/** Retention: spans (and their links) that started before the cutoff. */
export async function pruneSpans(olderThan: Date): Promise<number> {
  const cutoff = BigInt(olderThan.getTime()) * 1_000_000n;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`DELETE FROM "SpanLink" l USING "Span" s WHERE s."traceId" = l."traceId" AND s."spanId" = l."spanId" AND s."startNs" < ${cutoff}`;
    return tx.span.deleteMany({ where: { startNs: { lt: cutoff } } }).then((r) => r.count);
  });
}

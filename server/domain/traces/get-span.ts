// One span in full for the detail panel, with both directions of its links: the spans it links to
// and the spans (in any trace) that link to it, which trace viewers usually cannot show.
import { db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { spanResource } from "./span-resources";
import type { Attributes } from "./span-types";

export type SpanRef = { traceId: string; spanId: string; name: string | null; service: string | null };

export async function getSpan(traceId: string, spanId: string) {
  const span = await db.span.findFirst({ where: { traceId, spanId } });
  if (!span) throw new DomainError("NOT_FOUND", `Span ${spanId} of trace ${traceId} not found`);
  const outgoing = (span.links as { traceId: string; spanId: string; attributes: Attributes }[]) ?? [];
  const incoming = await db.spanLink.findMany({ where: { linkedTraceId: traceId, linkedSpanId: spanId }, take: 200 });
  const refs = [
    ...outgoing.map((l) => ({ traceId: l.traceId, spanId: l.spanId })),
    ...incoming.map((l) => ({ traceId: l.traceId, spanId: l.spanId })),
  ];
  const known = refs.length
    ? await db.span.findMany({
        where: { OR: refs.map((r) => ({ traceId: r.traceId, spanId: r.spanId })) },
        select: { traceId: true, spanId: true, name: true, service: true },
      })
    : [];
  const ref = (r: { traceId: string; spanId: string }): SpanRef => {
    const k = known.find((x) => x.traceId === r.traceId && x.spanId === r.spanId);
    return { traceId: r.traceId, spanId: r.spanId, name: k?.name ?? null, service: k?.service ?? null };
  };
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    kind: span.kind,
    service: span.service,
    startNs: span.startNs.toString(),
    endNs: span.endNs.toString(),
    durationMs: Number(span.endNs - span.startNs) / 1_000_000,
    statusCode: span.statusCode,
    statusMessage: span.statusMessage,
    attributes: span.attributes as Attributes,
    resource: await spanResource(span.resourceId),
    scope: span.scope as { name: string; version?: string } | null,
    events: span.events as { timeNs: string; name: string; attributes: Attributes }[],
    links: outgoing.map((l) => ({ ...ref(l), attributes: l.attributes ?? {} })),
    linkedFrom: incoming.map(ref),
    messaging: span.msgSystem
      ? {
          system: span.msgSystem,
          operation: span.msgOperation,
          destination: span.msgDestination,
          group: span.msgGroup,
          key: span.msgKey,
          partition: span.msgPartition,
          offset: span.msgOffset?.toString() ?? null,
        }
      : null,
  };
}

// Loads what assembleGraph needs: catalog topics and groups, services, observed and declared edges,
// group mappings, recent span rates, hop latencies and firing alerts.
import { db } from "@/server/db";
import { firingAlertLabels } from "@/server/domain/alerts";
import { SPAN_KIND } from "@/server/domain/traces";
import { assembleGraph, type GraphInputs, type ObservedRow, type DeclaredRow } from "./assemble-graph";
import type { LineageGraph } from "./graph-types";

const RATE_WINDOW_S = 300;
const HOP_WINDOW_S = 900;

/** Spans per second over the last minutes; an edge younger than the window is divided by its own age. */
async function spanRates(): Promise<Map<string, number>> {
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const since = nowNs - BigInt(RATE_WINDOW_S) * 1_000_000_000n;
  const rows = await db.$queryRaw<{ kind: number; service: string; topic: string; group: string; n: bigint; first: bigint }[]>`
    SELECT kind, service, "msgDestination" AS topic, CASE WHEN kind = ${SPAN_KIND.CONSUMER} THEN coalesce("msgGroup", '') ELSE '' END AS group,
           count(*) AS n, min("startNs") AS first
    FROM "Span"
    WHERE "startNs" > ${since} AND kind IN (${SPAN_KIND.PRODUCER}, ${SPAN_KIND.CONSUMER}) AND "msgDestination" IS NOT NULL
    GROUP BY 1, 2, 3, 4`;
  return new Map(
    rows.map((r) => {
      const seconds = Math.max(10, Math.min(RATE_WINDOW_S, Number(nowNs - BigInt(r.first)) / 1e9));
      return [`${r.kind === SPAN_KIND.PRODUCER ? "PRODUCES" : "CONSUMES"}|${r.service}|${r.topic}|${r.group}`, Number(r.n) / seconds];
    }),
  );
}

/** Receive start minus send start per (topic, group), for consumers joined to their producer by parent or link. */
async function hopLatencies(): Promise<GraphInputs["hops"]> {
  const since = BigInt(Date.now() - HOP_WINDOW_S * 1000) * 1_000_000n;
  const rows = await db.$queryRaw<{ topic: string; group: string; p50: number; p95: number; n: bigint }[]>`
    WITH consumers AS (
      SELECT c."traceId", c."spanId", c."parentSpanId", c."startNs", c."msgDestination" AS topic, coalesce(c."msgGroup", '') AS "group"
      FROM "Span" c
      WHERE c."startNs" > ${since} AND c.kind = ${SPAN_KIND.CONSUMER} AND c."msgDestination" IS NOT NULL
    ), pairs AS (
      SELECT c.topic, c."group", (c."startNs" - p."startNs") / 1e6 AS ms
      FROM consumers c JOIN "Span" p ON p."traceId" = c."traceId" AND p."spanId" = c."parentSpanId" AND p.kind = ${SPAN_KIND.PRODUCER}
      UNION ALL
      SELECT c.topic, c."group", (c."startNs" - p."startNs") / 1e6 AS ms
      FROM consumers c
      JOIN "SpanLink" l ON l."traceId" = c."traceId" AND l."spanId" = c."spanId"
      JOIN "Span" p ON p."traceId" = l."linkedTraceId" AND p."spanId" = l."linkedSpanId" AND p.kind = ${SPAN_KIND.PRODUCER}
    )
    SELECT topic, "group", percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95, count(*) AS n
    FROM pairs GROUP BY topic, "group"`;
  return new Map(
    rows.map((r) => [`${r.topic}|${r.group}`, { p50Ms: Math.max(0, r.p50), p95Ms: Math.max(0, r.p95), samples: Number(r.n) }]),
  );
}

export async function loadGraphInputs(): Promise<GraphInputs> {
  const [topics, groups, services, observed, declared, mappings, rates, hops, firing] = await Promise.all([
    db.topic.findMany({
      where: { deletedAt: null, internal: false },
      select: {
        id: true,
        clusterId: true,
        name: true,
        ownerTeam: true,
        deadLetter: true,
        deadLetterByHeaders: true,
        messagesPerSec: true,
        messageCount: true,
        cluster: { select: { name: true } },
      },
    }),
    db.consumerGroup.findMany({
      where: { deletedAt: null },
      select: {
        id: true,
        clusterId: true,
        groupId: true,
        lagStatus: true,
        totalLag: true,
        maxTimeLagSeconds: true,
        members: true,
        cluster: { select: { name: true } },
      },
    }),
    db.service.findMany({ select: { name: true, ownerTeam: true } }),
    db.observedEdge.findMany(),
    db.declaredEdge.findMany(),
    db.groupServiceMapping.findMany(),
    spanRates(),
    hopLatencies(),
    firingAlertLabels(),
  ]);
  return {
    topics: topics.map((t) => ({
      id: t.id,
      clusterId: t.clusterId,
      clusterName: t.cluster.name,
      name: t.name,
      ownerTeam: t.ownerTeam,
      deadLetter: t.deadLetter || t.deadLetterByHeaders,
      messagesPerSec: t.messagesPerSec,
      messageCount: Number(t.messageCount),
    })),
    groups: groups.map((g) => ({
      id: g.id,
      clusterId: g.clusterId,
      clusterName: g.cluster.name,
      groupId: g.groupId,
      lagStatus: g.lagStatus,
      totalLag: g.totalLag === null ? null : Number(g.totalLag),
      maxTimeLagSeconds: g.maxTimeLagSeconds,
      clientIds: [...new Set((g.members as { clientId?: string }[]).flatMap((m) => (m.clientId ? [m.clientId] : [])))],
    })),
    services,
    observed: observed as ObservedRow[],
    declared: declared as DeclaredRow[],
    mappings,
    spanRates: rates,
    hops,
    firing,
  };
}

export async function loadLineageGraph(): Promise<LineageGraph> {
  return assembleGraph(await loadGraphInputs());
}

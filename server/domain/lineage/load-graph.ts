// Loads what assembleGraph needs: catalog topics and groups, services, observed and declared edges,
// group mappings, recent span rates, hop latencies and firing alerts.
import { db } from "@/server/db";
import { firingAlertLabels } from "@/server/domain/alerts";
import { listClusterRefs } from "@/server/domain/connections";
import { listGroupRefs } from "@/server/domain/consumers";
import { exchangeRoutes, listTopicRefs, streamSubjects } from "@/server/domain/topics";
import { resolveSubjects } from "./resolve-subjects";
import { hopLatenciesSince, messagingCountsSince } from "@/server/domain/traces";
import { recentValue } from "@/server/lib/recent-value";
import { assembleGraph, type GraphInputs, type ObservedRow, type DeclaredRow } from "./assemble-graph";
import type { LineageGraph } from "./graph-types";

const RATE_WINDOW_S = 300;
const HOP_WINDOW_S = 900;

/** Spans per second over the last minutes; an edge younger than the window is divided by its own age. */
async function spanRates(): Promise<Map<string, number>> {
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const rows = await messagingCountsSince(nowNs - BigInt(RATE_WINDOW_S) * 1_000_000_000n);
  return new Map(
    rows.map((r) => {
      const seconds = Math.max(10, Math.min(RATE_WINDOW_S, Number(nowNs - r.firstNs) / 1e9));
      return [`${r.kind}|${r.service}|${r.topic}|${r.groupId}`, r.count / seconds];
    }),
  );
}

async function hopLatencies(): Promise<GraphInputs["hops"]> {
  const rows = await hopLatenciesSince(BigInt(Date.now() - HOP_WINDOW_S * 1000) * 1_000_000n);
  return new Map(
    rows.map((r) => [`${r.topic}|${r.groupId}`, { p50Ms: Math.max(0, r.p50Ms), p95Ms: Math.max(0, r.p95Ms), samples: r.samples }]),
  );
}

// Rates and hop latencies come from per-minute counts the worker folds (traces context), plus the
// spans received since its last fold, read raw: little, unless the worker is behind. A page open (graph,
// layout, a node's detail) and the worker share one computation per 15 s, the same order of staleness
// as the windows they are measured over allow.
const SPAN_FIGURES_MAX_AGE_MS = 15_000;
const spanFigures = recentValue(SPAN_FIGURES_MAX_AGE_MS, async () => {
  const [rates, hops] = await Promise.all([spanRates(), hopLatencies()]);
  return { rates, hops };
});

/** What the graph is assembled from. Without `figures`, only its shape is right: no span rates, hop
 *  latencies or firing alerts (what a layout needs, read for a fraction of the cost). */
export async function loadGraphInputs(opts: { figures?: boolean } = {}): Promise<GraphInputs> {
  const figures = opts.figures ?? true;
  const [clusterList, topics, groups, services, observed, declared, mappings, { rates, hops }, firing, streams, routes] = await Promise.all(
    [
      listClusterRefs(),
      listTopicRefs(),
      listGroupRefs(),
      db.service.findMany({ select: { name: true, ownerTeam: true } }),
      db.observedEdge.findMany(),
      db.declaredEdge.findMany(),
      db.groupServiceMapping.findMany(),
      figures ? spanFigures() : { rates: new Map<string, number>(), hops: new Map() as GraphInputs["hops"] },
      figures ? firingAlertLabels() : [],
      streamSubjects(),
      exchangeRoutes(),
    ],
  );
  const clusters = new Map(clusterList.map((c) => [c.id, c.name]));
  const brokerOf = new Map(clusterList.map((c) => [c.id, c.kind]));
  return {
    topics: topics
      .filter((t) => !t.internal)
      .map((t) => ({
        id: t.id,
        clusterId: t.clusterId,
        clusterName: clusters.get(t.clusterId) ?? "",
        kind: t.kind,
        broker: brokerOf.get(t.clusterId) ?? "kafka",
        name: t.name,
        ownerTeam: t.ownerTeam,
        deadLetter: t.deadLetter || t.deadLetterByHeaders,
        messagesPerSec: t.messagesPerSec,
        messageCount: Number(t.messageCount),
      })),
    groups: groups.map((g) => ({
      id: g.id,
      clusterId: g.clusterId,
      clusterName: clusters.get(g.clusterId) ?? "",
      kind: g.kind,
      broker: brokerOf.get(g.clusterId) ?? "kafka",
      groupId: g.groupId,
      lagStatus: g.lagStatus,
      totalLag: g.totalLag,
      maxTimeLagSeconds: g.maxTimeLagSeconds,
      clientIds: g.clientIds,
    })),
    services,
    observed: resolveSubjects(observed as ObservedRow[], streams, new Set(topics.map((t) => t.name))),
    declared: declared as DeclaredRow[],
    mappings,
    spanRates: rates,
    hops,
    firing,
    routes,
  };
}

export async function loadLineageGraph(): Promise<LineageGraph> {
  return assembleGraph(await loadGraphInputs());
}

/** The graph's nodes and edges without their figures: enough for shape keys and layouts. */
export async function loadLineageShape(): Promise<LineageGraph> {
  return assembleGraph(await loadGraphInputs({ figures: false }));
}

// Narrowing a lineage graph for the page (cluster, team, search, focus on a node with N hops) and
// walking it downstream for impact analysis. Pure functions over an assembled graph.
import { z } from "zod";
import { collapseGraph } from "./collapse-graph";
import type { CanvasEdge, LineageEdge, LineageGraph, LineageNode } from "./graph-types";
import { shapeKey } from "./layout/shape-key";
import { appendTo } from "@/server/lib/append-to";

export const GraphFilter = z.object({
  clusterId: z.string().optional(),
  team: z.string().trim().min(1).optional(),
  search: z.string().trim().min(1).max(200).optional(),
  focus: z.string().min(1).max(600).optional(),
  hops: z.number().int().min(1).max(10).default(2),
  direction: z.enum(["both", "upstream", "downstream"]).default("both"),
  /** one node per team or cluster (collapse-graph.ts) */
  collapse: z.enum(["team", "cluster"]).optional(),
});
export type GraphFilter = z.input<typeof GraphFilter>;

function adjacency(edges: LineageEdge[]) {
  const out = new Map<string, LineageEdge[]>();
  const inc = new Map<string, LineageEdge[]>();
  for (const e of edges) {
    appendTo(out, e.from, e);
    appendTo(inc, e.to, e);
  }
  return { out, inc };
}

/** Node ids within `hops` of the seeds, following edges forward, backward or both. */
function reach(edges: LineageEdge[], seeds: Iterable<string>, hops: number, direction: "both" | "upstream" | "downstream") {
  const { out, inc } = adjacency(edges);
  const kept = new Set(seeds);
  let frontier = [...kept];
  for (let depth = 0; depth < hops && frontier.length; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      const near = [
        ...(direction !== "upstream" ? (out.get(id) ?? []).map((e) => e.to) : []),
        ...(direction !== "downstream" ? (inc.get(id) ?? []).map((e) => e.from) : []),
      ];
      for (const n of near) if (!kept.has(n)) (kept.add(n), next.push(n));
    }
    frontier = next;
  }
  return kept;
}

function restrict(graph: LineageGraph, keep: (n: LineageNode) => boolean): LineageGraph {
  const nodes = graph.nodes.filter(keep);
  const ids = new Set(nodes.map((n) => n.id));
  return { nodes, edges: graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to)) };
}

export function selectSubgraph(graph: LineageGraph, filter: GraphFilter): LineageGraph {
  const f = GraphFilter.parse(filter);
  let g = graph;
  if (f.clusterId) {
    // Services belong to no cluster, nor do topics known only from spans or declarations: keep the
    // services that touch the cluster's topics or groups, then the clusterless topics of those services.
    const anchored = new Set(g.nodes.filter((n) => n.kind !== "service" && n.clusterId === f.clusterId).map((n) => n.id));
    const services = new Set(g.nodes.filter((n) => n.kind === "service").map((n) => n.id));
    const nearAnchor = reach(g.edges, anchored, 1, "both");
    const keptServices = new Set([...services].filter((id) => nearAnchor.has(id)));
    const nearServices = reach(g.edges, keptServices, 1, "both");
    g = restrict(g, (n) => anchored.has(n.id) || keptServices.has(n.id) || (n.clusterId === null && nearServices.has(n.id)));
  }
  if (f.team) {
    const seeds = g.nodes.filter((n) => n.team === f.team).map((n) => n.id);
    const kept = reach(g.edges, seeds, 1, "both");
    g = restrict(g, (n) => kept.has(n.id));
  }
  if (f.search) {
    const q = f.search.toLowerCase();
    const seeds = g.nodes.filter((n) => n.label.toLowerCase().includes(q)).map((n) => n.id);
    const kept = reach(g.edges, seeds, 1, "both");
    g = restrict(g, (n) => kept.has(n.id));
  }
  if (f.focus) {
    const kept = g.nodes.some((n) => n.id === f.focus) ? reach(g.edges, [f.focus], f.hops, f.direction) : new Set<string>();
    g = restrict(g, (n) => kept.has(n.id));
  }
  return g;
}

export type ImpactRow = { node: LineageNode; depth: number; via: string; owner: string | null };

/**
 * Everything downstream of the start nodes, nearest first: the groups reading a topic, the services
 * behind them, the topics those services produce, and so on. A group's owner is its service's team.
 */
export function downstream(graph: LineageGraph, startIds: string[], maxDepth = 8): ImpactRow[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const { out } = adjacency(graph.edges);
  const serviceOfGroup = new Map(graph.edges.filter((e) => e.kind === "runs-as").map((e) => [e.from, e.to]));
  const seen = new Set(startIds);
  const rows: ImpactRow[] = [];
  let frontier = startIds.map((id) => ({ id, path: byId.get(id)?.label ?? id }));
  for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
    const next: typeof frontier = [];
    for (const { id, path } of frontier) {
      for (const e of out.get(id) ?? []) {
        if (seen.has(e.to)) continue;
        seen.add(e.to);
        const node = byId.get(e.to)!;
        const svc = node.kind === "group" ? byId.get(serviceOfGroup.get(node.id) ?? "") : undefined;
        const via = `${path} → ${node.label}`;
        rows.push({ node, depth, via, owner: node.team ?? svc?.team ?? null });
        next.push({ id: e.to, path: via });
      }
    }
    frontier = next;
  }
  return rows;
}

/** What the lineage page shows: the selected part, the whole graph's size, and the teams to filter by. */
/** The nodes and edges a view shows: the selected part, collapsed when asked. */
export function selectView(graph: LineageGraph, filter: GraphFilter): { nodes: LineageNode[]; edges: CanvasEdge[] } {
  const selected = selectSubgraph(graph, filter);
  return filter.collapse ? collapseGraph(selected, filter.collapse) : selected;
}

export function lineageView(graph: LineageGraph, filter: GraphFilter) {
  const selected = selectView(graph, filter);
  const teams = [...new Set(graph.nodes.flatMap((n) => (n.team ? [n.team] : [])))].sort();
  // Only what the canvas draws: the whole edge (two dates each, rates, lag) made the answer for
  // 1,000 nodes 1.9 MB, and its serialisation alone a third of a second.
  const edges: CanvasEdge[] = selected.edges.map((e) => ({
    id: e.id,
    kind: e.kind,
    from: e.from,
    to: e.to,
    observed: e.observed,
    declared: e.declared,
    drift: e.drift,
    health: e.health,
    mapping: e.mapping,
  }));
  return {
    nodes: selected.nodes,
    edges,
    // The page asks for the layout of this key (lineage.layout): kept from before, or made then.
    layoutKey: shapeKey(selected),
    total: { nodes: graph.nodes.length, edges: graph.edges.length },
    teams,
  };
}

// A large estate read by owner: every team (or cluster) one node, and one edge wherever anything of
// one flows into anything of another. Opening a collapsed node shows that team's (cluster's) part.
import type { CanvasEdge, Health, LineageGraph, LineageNode } from "./graph-types";

export type CollapseBy = "team" | "cluster";

const HEALTH_ORDER: Health[] = ["unknown", "ok", "warn", "err"];
const worse = (a: Health, b: Health) => (HEALTH_ORDER.indexOf(a) >= HEALTH_ORDER.indexOf(b) ? a : b);

/**
 * Whose a node is. Its own team (cluster) when it has one; else a neighbour's: a consumer group is its
 * service's, a topic its producer's, a service (no cluster of its own) its topics' cluster.
 */
function owners(graph: LineageGraph, by: CollapseBy): Map<string, { key: string; label: string }> {
  const own = (n: LineageNode) =>
    by === "team"
      ? n.team
        ? { key: n.team, label: n.team }
        : null
      : n.clusterId
        ? { key: n.clusterId, label: n.clusterName ?? n.clusterId }
        : null;
  const owner = new Map<string, { key: string; label: string }>();
  for (const n of graph.nodes) {
    const o = own(n);
    if (o) owner.set(n.id, o);
  }
  const inherit = (node: string, from: string) => {
    if (!owner.has(node) && owner.has(from)) owner.set(node, owner.get(from)!);
  };
  // In this order, so the answer does not depend on the order of the edges: a group takes its service's
  // owner, a topic its producer's, a service (for clusters) its topics' or its group's; what is left, any
  // neighbour's.
  for (const e of graph.edges) if (e.kind === "runs-as") inherit(e.from, e.to);
  for (const e of graph.edges) if (e.kind === "produces") inherit(e.to, e.from);
  for (const e of graph.edges) if (e.kind === "produces") inherit(e.from, e.to);
  for (const e of graph.edges) if (e.kind === "runs-as") inherit(e.to, e.from);
  for (const e of graph.edges) (inherit(e.to, e.from), inherit(e.from, e.to));
  return owner;
}

export function collapseGraph(graph: LineageGraph, by: CollapseBy): { nodes: LineageNode[]; edges: CanvasEdge[] } {
  const owner = owners(graph, by);
  const none = by === "team" ? { key: "", label: "no team" } : { key: "", label: "no cluster" };
  const of = (id: string) => owner.get(id) ?? none;
  const nodes = new Map<string, LineageNode>();
  for (const n of graph.nodes) {
    const o = of(n.id);
    const id = `${by}:${o.key}`;
    const c =
      nodes.get(id) ??
      ({
        id,
        kind: by,
        subkind: null,
        broker: null,
        label: o.label,
        clusterId: by === "cluster" && o.key ? o.key : null,
        clusterName: by === "cluster" && o.key ? o.label : null,
        team: by === "team" && o.key ? o.key : null,
        ref: null,
        inCatalog: true,
        dlq: false,
        health: "unknown",
        alerts: 0,
        ratePerSec: null,
        count: 0,
        lagStatus: null,
        maxTimeLagSeconds: null,
        members: { service: 0, topic: 0, group: 0 },
      } satisfies LineageNode);
    c.members![n.kind as "service" | "topic" | "group"]++;
    c.count = (c.count ?? 0) + 1;
    c.alerts += n.alerts;
    c.health = worse(c.health, n.health);
    nodes.set(id, c);
  }
  const edges = new Map<string, CanvasEdge>();
  for (const e of graph.edges) {
    const [from, to] = [`${by}:${of(e.from).key}`, `${by}:${of(e.to).key}`];
    if (from === to) continue;
    const id = `flows:${from}->${to}`;
    const c = edges.get(id) ?? {
      id,
      kind: "flows",
      from,
      to,
      observed: false,
      declared: false,
      drift: null,
      health: "unknown",
      mapping: null,
    };
    c.observed ||= e.observed;
    c.declared ||= e.declared;
    c.health = worse(c.health, e.health);
    edges.set(id, c);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

import { describe, expect, it } from "vitest";
import { collapseGraph } from "./collapse-graph";
import type { LineageEdge, LineageGraph, LineageNode } from "./graph-types";

const node = (id: string, kind: LineageNode["kind"], over: Partial<LineageNode> = {}) =>
  ({ id, kind, label: id, team: null, clusterId: null, clusterName: null, health: "ok", alerts: 0, ...over }) as LineageNode;
const edge = (kind: LineageEdge["kind"], from: string, to: string, over: Partial<LineageEdge> = {}) =>
  ({ id: `${kind}:${from}->${to}`, kind, from, to, observed: true, declared: false, health: "ok", ...over }) as LineageEdge;

// shop's service writes orders; pay's billing group reads them and runs as pay's service, which writes
// invoices; an unowned reporting group reads invoices.
const graph: LineageGraph = {
  nodes: [
    node("svc:web", "service", { team: "shop" }),
    node("topic:c1:orders", "topic", { clusterId: "c1", clusterName: "east" }),
    node("group:c1:billing", "group", { clusterId: "c1", clusterName: "east", health: "warn", alerts: 2 }),
    node("svc:billing", "service", { team: "pay" }),
    node("topic:c2:invoices", "topic", { clusterId: "c2", clusterName: "west" }),
    node("group:c2:reports", "group", { clusterId: "c2", clusterName: "west", health: "err" }),
  ],
  edges: [
    // Listed readers first: ownership must not depend on the order of the edges.
    edge("reads", "topic:c2:invoices", "group:c2:reports"),
    edge("reads", "topic:c1:orders", "group:c1:billing"),
    edge("runs-as", "group:c1:billing", "svc:billing"),
    edge("produces", "svc:web", "topic:c1:orders"),
    edge("produces", "svc:billing", "topic:c2:invoices", { observed: false, declared: true }),
  ],
};

describe("collapsing the lineage graph", () => {
  it("by team: a group is its service's team's, a topic its producer's; edges between teams are merged", () => {
    const g = collapseGraph(graph, "team");
    const byLabel = Object.fromEntries(g.nodes.map((n) => [n.label, n]));
    expect(Object.keys(byLabel).sort()).toEqual(["pay", "shop"]);
    expect(byLabel.shop!.members).toEqual({ service: 1, topic: 1, group: 0 });
    // billing group, its service, invoices and the reports group that reads them (its neighbour's)
    expect(byLabel.pay!.members).toEqual({ service: 1, topic: 1, group: 2 });
    expect(byLabel.pay!.health).toBe("err");
    expect(byLabel.pay!.alerts).toBe(2);
    expect(byLabel.pay!.kind).toBe("team");
    // orders (shop) → billing (pay): one edge between the teams; pay's own edges fold inside it.
    expect(g.edges.map((e) => [e.from, e.to, e.kind])).toEqual([["team:shop", "team:pay", "flows"]]);
  });

  it("by cluster: a service joins the cluster of the topics it writes; edges between clusters keep the worst health", () => {
    const g = collapseGraph(
      { nodes: graph.nodes, edges: graph.edges.map((e) => (e.kind === "runs-as" ? { ...e, health: "err" as const } : e)) },
      "cluster",
    );
    const byLabel = Object.fromEntries(g.nodes.map((n) => [n.label, n]));
    expect(Object.keys(byLabel).sort()).toEqual(["east", "west"]);
    expect(byLabel.east!.members).toEqual({ service: 1, topic: 1, group: 1 });
    // billing's service writes invoices in west, so it is west's even though its group reads in east
    expect(byLabel.west!.members).toEqual({ service: 1, topic: 1, group: 1 });
    expect(byLabel.west!.clusterId).toBe("c2");
    expect(g.edges).toEqual([expect.objectContaining({ from: "cluster:c1", to: "cluster:c2", health: "err", observed: true })]);
  });

  it("puts what nobody owns under one node", () => {
    const g = collapseGraph({ nodes: [node("topic::loose", "topic"), node("svc:x", "service")], edges: [] }, "team");
    expect(g.nodes.map((n) => [n.label, n.count])).toEqual([["no team", 2]]);
  });
});

// A lineage view's shape: its node and edge ids. Two views of one shape are drawn alike, whatever
// their numbers say, so a layout is kept and found by this key.
import { createHash } from "node:crypto";
/** Only ids matter to a layout: a view's nodes and edges, collapsed or not. */
export type Shape = { nodes: { id: string }[]; edges: { id: string; from: string; to: string }[] };

// Part of every key: a change of the layout's options or node size makes older layouts unreachable.
const VERSION = "elk-v2";

/** The shape's key, whatever the order of its nodes and edges. */
export function shapeKey(graph: Shape): string {
  const h = createHash("sha256").update(VERSION);
  for (const id of graph.nodes.map((n) => n.id).sort()) h.update("\n").update(id);
  h.update("\n#");
  for (const id of graph.edges.map((e) => e.id).sort()) h.update("\n").update(id);
  return h.digest("base64url");
}

// Positions for nodes the layout in hand does not place: a node that appeared since (the graph is
// polled) is drawn beside a neighbour the layout placed — right of what feeds it, left of what it
// feeds — until the layout of the new shape arrives, so the picture never jumps or hides a node.
import type { CanvasEdge, LineageNode } from "@/server/domain/lineage";

export type Point = { x: number; y: number };
export type NodeSize = { width: number; height: number };

const LAYER_GAP = 90;
const NODE_GAP = 22;

export function placeAll(
  nodes: LineageNode[],
  edges: CanvasEdge[],
  laidOut: Record<string, [number, number]>,
  size: NodeSize,
): Map<string, Point> {
  const placed = new Map<string, Point>();
  for (const n of nodes) {
    const p = laidOut[n.id];
    if (p) placed.set(n.id, { x: p[0], y: p[1] });
  }
  if (placed.size === nodes.length) return placed;
  // Stack the newcomers beside one neighbour below one another, not on top of each other.
  const stacked = new Map<string, number>();
  let bottom = Math.max(0, ...[...placed.values()].map((p) => p.y + size.height));
  let left = 0;
  for (const n of nodes) {
    if (placed.has(n.id)) continue;
    const feeds = edges.find((e) => e.to === n.id && placed.has(e.from));
    const fed = feeds ? undefined : edges.find((e) => e.from === n.id && placed.has(e.to));
    const anchorId = feeds?.from ?? fed?.to;
    if (anchorId) {
      const a = placed.get(anchorId)!;
      const k = (stacked.get(anchorId) ?? 0) + 1;
      stacked.set(anchorId, k);
      const dx = (size.width + LAYER_GAP) * (feeds ? 1 : -1);
      placed.set(n.id, { x: a.x + dx, y: a.y + (k - 1) * (size.height + NODE_GAP) });
    } else {
      // Nothing around it is placed: a row under the picture.
      if (left === 0) bottom += size.height + NODE_GAP * 2;
      placed.set(n.id, { x: left, y: bottom });
      left += size.width + NODE_GAP;
    }
  }
  return placed;
}

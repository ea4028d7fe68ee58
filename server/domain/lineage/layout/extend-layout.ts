// A view that gained a few nodes since it was laid out is drawn from its earlier layout instead of
// being laid out again: the nodes a person already knows stay where they were (a full ELK pass moves
// most of them, and takes most of a minute at 5,000 nodes), and each new node goes one layer right of
// what feeds it, or left of what it feeds, below the lowest node of that layer.
import { adjacency } from "./adjacency";
import type { Shape } from "./shape-key";

/** Where each node of a view is drawn: [x, y] of its top left corner, by node id. */
export type Positions = Record<string, [number, number]>;

type Size = { width: number; height: number };

/** Gaps the full layout uses (layout-graph.ts): between layers, and between nodes of one layer. */
export const LAYER_GAP = 90;
export const NODE_GAP = 22;

/** How much may change before a view is laid out afresh: nodes added, and nodes gone (each leaves a hole). */
export const changeAllowed = (nodes: number) => Math.max(5, Math.floor(nodes * 0.05));

/**
 * Positions for every node of `shape`, those of `previous` kept; null when more than changeAllowed
 * nodes were added or removed, or nothing of `previous` is in the shape.
 */
export function extendLayout(previous: Positions, shape: Shape, size: Size): Positions | null {
  const allowed = changeAllowed(shape.nodes.length);
  const ids = new Set(shape.nodes.map((n) => n.id));
  const kept = Object.keys(previous).filter((id) => ids.has(id));
  const added = shape.nodes.filter((n) => !(n.id in previous)).map((n) => n.id);
  const removed = Object.keys(previous).length - kept.length;
  if (!kept.length || added.length > allowed || removed > allowed) return null;

  const placed: Positions = Object.fromEntries(kept.map((id) => [id, previous[id]!]));
  const { into: feeders, out: fed } = adjacency(shape.edges);
  const step = size.width + LAYER_GAP;
  const firstLayer = Math.min(...kept.map((id) => previous[id]![0]));
  // New nodes next to placed ones go first; one whose neighbours are all new waits for them (a few passes).
  let waiting = added;
  for (let pass = 0; waiting.length && pass <= added.length; pass++) {
    const last = pass === added.length;
    waiting = waiting.filter((id) => {
      const before = (feeders.get(id) ?? []).filter((n) => placed[n]);
      const after = (fed.get(id) ?? []).filter((n) => placed[n]);
      if (!before.length && !after.length && !last) return true;
      const x = before.length
        ? Math.max(...before.map((n) => placed[n]![0])) + step
        : after.length
          ? Math.min(...after.map((n) => placed[n]![0])) - step
          : firstLayer;
      placed[id] = [x, belowLayer(placed, x, size)];
      return false;
    });
  }
  return placed;
}

/** The y just below the lowest node drawn over x (a layer of the full layout shares one x). */
function belowLayer(placed: Positions, x: number, size: Size): number {
  let lowest: number | null = null;
  for (const [px, py] of Object.values(placed)) if (Math.abs(px - x) < size.width && (lowest === null || py > lowest)) lowest = py;
  return lowest === null ? 0 : lowest + size.height + NODE_GAP;
}

// A large view nobody has laid out yet is drawn at once from a draft while ELK works on it (most of a
// minute at 5,000 nodes), and ELK's picture replaces the draft when it is ready. The draft is the
// layered idea in its cheapest form, linear in the graph per sweep: each connected part on its own band,
// columns by the longest path into a node (cycles broken greedily), each column ordered by where
// the node's neighbours sit (the barycentre heuristic, a few sweeps each way), packed top to bottom.
import { adjacency } from "./adjacency";
import { LAYER_GAP, NODE_GAP, type Positions } from "./extend-layout";
import type { Shape } from "./shape-key";

type Size = { width: number; height: number };

/** Down, up, down, up: enough to untangle most of a lineage graph's columns; each sweep is linear. */
const SWEEPS = 4;

export function draftLayout(shape: Shape, size: Size): Positions {
  // Sorted ids: the same shape, in whatever order it was listed, gets the same draft.
  const ids = shape.nodes.map((n) => n.id).sort();
  const known = new Set(ids);
  const edges = shape.edges.filter((e) => e.from !== e.to && known.has(e.from) && known.has(e.to));
  const positions: Positions = {};
  let top = 0;
  for (const part of connectedParts(ids, edges)) {
    const columns = orderedColumns(part.ids, part.edges);
    columns.forEach((column, layer) =>
      column.forEach((id, row) => (positions[id] = [layer * (size.width + LAYER_GAP), top + row * (size.height + NODE_GAP)])),
    );
    top += Math.max(...columns.map((c) => c.length)) * (size.height + NODE_GAP) + 2 * NODE_GAP;
  }
  return positions;
}

type Edge = { from: string; to: string };

/** The graph's connected parts, largest first (ties by their first id), as ELK stacks components. */
function connectedParts(ids: string[], edges: Edge[]): { ids: string[]; edges: Edge[] }[] {
  const parent = new Map(ids.map((id) => [id, id]));
  const root = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r)!;
    // Every node on the way points at the root from now on (path compression).
    for (let at = id; at !== r;) {
      const up = parent.get(at)!;
      parent.set(at, r);
      at = up;
    }
    return r;
  };
  for (const e of edges) parent.set(root(e.from), root(e.to));
  const parts = new Map<string, { ids: string[]; edges: Edge[] }>();
  for (const id of ids) {
    const r = root(id);
    if (!parts.has(r)) parts.set(r, { ids: [], edges: [] });
    parts.get(r)!.ids.push(id);
  }
  for (const e of edges) parts.get(root(e.from))!.edges.push(e);
  return [...parts.values()].sort((a, b) => b.ids.length - a.ids.length || (a.ids[0]! < b.ids[0]! ? -1 : 1));
}

/** The part's nodes in columns: each node one right of its furthest feeder, then sweeps to order them. */
function orderedColumns(ids: string[], edges: Edge[]): string[][] {
  const forward = acyclic(ids, edges);
  const { into, out } = adjacency(forward);
  const layer = longestPathLayers(ids, into, out);
  // A source sits one column left of its nearest target rather than in the first column: a service
  // that only produces is drawn beside its topics, not at the far left with an edge across the picture.
  for (const id of ids) if (!into.has(id) && out.has(id)) layer.set(id, Math.min(...out.get(id)!.map((to) => layer.get(to)!)) - 1);
  const columns: string[][] = [];
  for (const id of ids) (columns[layer.get(id)!] ??= []).push(id);
  const row = new Map<string, number>();
  columns.forEach((c) => c.forEach((id, i) => row.set(id, i)));
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const neighbours = sweep % 2 === 0 ? into : out;
    const order = sweep % 2 === 0 ? columns : [...columns].reverse();
    for (const column of order) {
      const key = new Map(column.map((id) => [id, barycentre(neighbours.get(id), row) ?? row.get(id)!]));
      column.sort((a, b) => key.get(a)! - key.get(b)! || row.get(a)! - row.get(b)!);
      column.forEach((id, i) => row.set(id, i));
    }
  }
  return columns.filter(Boolean);
}

const barycentre = (neighbours: string[] | undefined, row: Map<string, number>) =>
  neighbours?.length ? neighbours.reduce((sum, n) => sum + row.get(n)!, 0) / neighbours.length : undefined;

/**
 * The edges, each one that points back in a good order of the nodes turned round (as ELK's greedy
 * cycle breaking does): sinks go last and sources first, as they are found, and otherwise the node
 * with the most more edges out than in goes first (Eades, Lin and Smyth's heuristic). Breaking cycles
 * by a depth-first walk instead made chains hundreds of columns long on a graph of many small cycles.
 */
function acyclic(ids: string[], edges: Edge[]): Edge[] {
  const rank = greedyOrder(ids, edges);
  return edges.map((e) => (rank.get(e.from)! < rank.get(e.to)! ? e : { from: e.to, to: e.from }));
}

function greedyOrder(ids: string[], edges: Edge[]): Map<string, number> {
  const { into, out } = adjacency(edges);
  const inDegree = new Map(ids.map((id) => [id, into.get(id)?.length ?? 0]));
  const outDegree = new Map(ids.map((id) => [id, out.get(id)?.length ?? 0]));
  const sinks = new Set<string>();
  const sources = new Set<string>();
  const byDelta = new Map<number, Set<string>>();
  let highest = -Infinity;
  const file = (id: string) => {
    const [i, o] = [inDegree.get(id)!, outDegree.get(id)!];
    if (o === 0) sinks.add(id);
    else if (i === 0) sources.add(id);
    else {
      const delta = o - i;
      if (!byDelta.has(delta)) byDelta.set(delta, new Set());
      byDelta.get(delta)!.add(id);
      highest = Math.max(highest, delta);
    }
  };
  const unfile = (id: string) => {
    sinks.delete(id);
    sources.delete(id);
    byDelta.get(outDegree.get(id)! - inDegree.get(id)!)?.delete(id);
  };
  ids.forEach(file);
  const gone = new Set<string>();
  const lower = (id: string, degree: Map<string, number>) => {
    if (gone.has(id)) return;
    unfile(id);
    degree.set(id, degree.get(id)! - 1);
    file(id);
  };
  const first = (set: Set<string>) => set.values().next().value as string;
  const front: string[] = [];
  const back: string[] = [];
  while (gone.size < ids.length) {
    let id: string;
    if (sinks.size) back.push((id = first(sinks)));
    else if (sources.size) front.push((id = first(sources)));
    else {
      while (!byDelta.get(highest)?.size) highest--;
      front.push((id = first(byDelta.get(highest)!)));
    }
    unfile(id);
    gone.add(id);
    for (const to of out.get(id) ?? []) lower(to, inDegree);
    for (const from of into.get(id) ?? []) lower(from, outDegree);
  }
  return new Map([...front, ...back.reverse()].map((id, i) => [id, i]));
}

/** Kahn's order over an acyclic graph: a node's column is one more than its furthest feeder's. */
function longestPathLayers(ids: string[], into: Map<string, string[]>, out: Map<string, string[]>): Map<string, number> {
  const waiting = new Map(ids.map((id) => [id, into.get(id)?.length ?? 0]));
  const layer = new Map<string, number>();
  const ready = ids.filter((id) => waiting.get(id) === 0);
  for (const id of ready) layer.set(id, 0);
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i]!;
    for (const to of out.get(id) ?? []) {
      layer.set(to, Math.max(layer.get(to) ?? 0, layer.get(id)! + 1));
      const left = waiting.get(to)! - 1;
      waiting.set(to, left);
      if (left === 0) ready.push(to);
    }
  }
  return layer;
}

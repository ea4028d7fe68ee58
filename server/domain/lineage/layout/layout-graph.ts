// Where each node of a lineage view is drawn: ELK's layered layout, left to right (producers → topics
// → groups → services), computed once per graph shape and kept, in this process and in PostgreSQL, so
// every browser and every web process draws a known shape at once. The worker lays out the whole
// graph and each cluster's after a refresh (prepareLayouts), so the views people open first are ready
// before anyone asks.
import { db } from "@/server/db";
import { draftLayout } from "./draft-layout";
import { runElk, type ElkGraph } from "./elk-thread";
import { extendLayout, LAYER_GAP, NODE_GAP, type Positions } from "./extend-layout";
import { shapeKey, type Shape } from "./shape-key";

/** The size every node is drawn at; the page draws nodes at the size the layout made room for. */
export const NODE_SIZE = { width: 190, height: 52 } as const;

const OPTIONS: Record<string, string> = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.layered.spacing.nodeNodeBetweenLayers": String(LAYER_GAP),
  "elk.spacing.nodeNode": String(NODE_GAP),
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.layered.crossingMinimization.strategy": "LAYER_SWEEP",
  // Cycles (a service that consumes what it produces) are broken greedily instead of failing.
  "elk.layered.cycleBreaking.strategy": "GREEDY",
  "elk.separateConnectedComponents": "true",
  "elk.spacing.componentComponent": "40",
  // Edges are drawn by the page (curves between the nodes), not along ELK's routes: the cheapest routing
  // will do, and orthogonal routing widened the gaps between layers for bends nobody draws.
  "elk.edgeRouting": "POLYLINE",
};
/**
 * Above this many nodes, one crossing-minimisation sweep and no greedy switch: on 1,000 nodes and
 * 2,700 edges that took ELK from 4.5 s to 1.9 s for a layout about as readable.
 */
const LARGE = 300;
const LARGE_OPTIONS = { "elk.layered.thoroughness": "1", "elk.layered.crossingMinimization.greedySwitch.type": "OFF" };

/** Layouts this process keeps in memory, the most recently used last. */
const MEMORY_KEEP = 24;
/** Layouts kept in PostgreSQL, the least recently used dropped first. */
const STORED_KEEP = 300;

export type GraphLayout = {
  key: string;
  node: { width: number; height: number };
  positions: Positions;
  /** how long ELK took when this shape was laid out */
  computeMs: number;
  /** memory or stored: laid out before; computed: by this call; extended: a kept layout of nearly the
   *  same nodes with the new ones placed beside it (extend-layout.ts); draft: drawn at once while ELK
   *  is still at work on the shape (draft-layout.ts), to be asked for again */
  source: "memory" | "stored" | "computed" | "extended" | "draft";
};

type Kept = { positions: Positions; computeMs: number };
const memory = new Map<string, Kept>();
// Extended layouts stay in this process and are never stored: a full layout of the same shape (the
// worker makes the whole graph's and each cluster's) is found first as soon as it is kept.
const extended = new Map<string, Kept>();
function remember(key: string, value: Kept, into = memory) {
  into.delete(key);
  into.set(key, value);
  while (into.size > MEMORY_KEEP) into.delete(into.keys().next().value!);
}
const layout = (key: string, v: { positions: Positions; computeMs: number }, source: GraphLayout["source"]): GraphLayout => ({
  key,
  node: { ...NODE_SIZE },
  positions: v.positions,
  computeMs: v.computeMs,
  source,
});

/** The layout of this key if it was made before (this process's memory, then PostgreSQL); null if not. */
export async function keptLayout(key: string): Promise<GraphLayout | null> {
  const known = memory.get(key);
  if (known) {
    remember(key, known);
    return layout(key, known, "memory");
  }
  const row = await db.lineageLayout
    .update({ where: { key }, data: { usedAt: new Date() }, select: { positions: true, computeMs: true } })
    .catch((e: { code?: string }) => {
      if (e.code === "P2025") return null; // not stored
      throw e;
    });
  if (!row) return null;
  const value = { positions: row.positions as Positions, computeMs: row.computeMs };
  remember(key, value);
  return layout(key, value, "stored");
}

/**
 * A large shape drawn from a layout this process holds of nearly the same nodes (the most recent
 * first), the new nodes placed beside it, in milliseconds; null when none is near enough to extend.
 */
export function extendedLayout(graph: Shape, key = shapeKey(graph)): GraphLayout | null {
  // A small view is laid out afresh in well under a second, and better than an extension places it.
  if (graph.nodes.length <= LARGE) return null;
  const known = extended.get(key);
  if (known) return layout(key, known, "extended");
  const started = performance.now();
  for (const earlier of [...memory.values(), ...extended.values()].reverse()) {
    const positions = extendLayout(earlier.positions, graph, NODE_SIZE);
    if (!positions) continue;
    const value = { positions, computeMs: Math.round(performance.now() - started) };
    remember(key, value, extended);
    return layout(key, value, "extended");
  }
  return null;
}

/** Concurrent requests for one shape share one look-up and at most one computation. */
const pending = new Map<string, Promise<GraphLayout>>();

/** The graph's layout: kept from before, or computed now (in the ELK thread) and kept. */
export function layoutGraph(graph: Shape): Promise<GraphLayout> {
  const key = shapeKey(graph);
  let answer = pending.get(key);
  if (!answer) {
    answer = (async () => (await keptLayout(key)) ?? (await computeAndKeep(key, graph)))().finally(() => pending.delete(key));
    pending.set(key, answer);
  }
  return answer;
}

/**
 * When a page is given a draft instead of waiting for ELK: views over `over` nodes that ELK has not
 * laid out within `afterMs`. On 2 cores ELK took 1.5–6 s at 1,000 nodes (depending on the hour) and
 * most of a minute at 5,000, while a draft has about as many crossings (1.03× ELK's at 1,000 nodes,
 * 1.17× at 5,000: `npm run bench -- lineage`). Smaller views wait for ELK (under a second or two), so
 * their picture never changes under someone's hands.
 */
const DRAFT = { over: 800, afterMs: 2_500 };

/**
 * The graph's layout if it is kept or ELK makes it in time; else a draft of it, at once, while ELK goes
 * on (a later call finds its layout kept). Asked again while ELK is still at work, the draft comes
 * without waiting.
 */
export async function layoutSoon(graph: Shape, draft = DRAFT): Promise<GraphLayout> {
  const key = shapeKey(graph);
  const working = pending.has(key);
  const full = layoutGraph(graph);
  if (graph.nodes.length <= draft.over) return full;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), working ? 0 : draft.afterMs)));
  const first = await Promise.race([full, late]).finally(() => clearTimeout(timer));
  if (first) return first;
  // Its failure reaches whoever asks next (the page asks again while it draws a draft), not this answer.
  full.catch((e: Error) => console.warn(`[lineage] layout of ${graph.nodes.length} nodes failed: ${e.message}`));
  const started = performance.now();
  const positions = draftLayout(graph, NODE_SIZE);
  return layout(key, { positions, computeMs: Math.round(performance.now() - started) }, "draft");
}

async function computeAndKeep(key: string, graph: Shape): Promise<GraphLayout> {
  const started = performance.now();
  const placed = await runElk(elkGraph(graph));
  const computeMs = Math.round(performance.now() - started);
  const value = { positions: Object.fromEntries(placed.map(([id, x, y]) => [id, [x, y]])) as Positions, computeMs };
  remember(key, value);
  await db.lineageLayout.upsert({
    where: { key },
    create: { key, nodeCount: graph.nodes.length, positions: value.positions, computeMs: value.computeMs },
    update: { usedAt: new Date() },
  });
  await pruneStoredLayouts();
  return layout(key, value, "computed");
}

function elkGraph(graph: Shape): ElkGraph {
  return {
    id: "root",
    layoutOptions: graph.nodes.length > LARGE ? { ...OPTIONS, ...LARGE_OPTIONS } : OPTIONS,
    children: graph.nodes.map((n) => ({ id: n.id, ...NODE_SIZE })),
    edges: graph.edges.map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  };
}

async function pruneStoredLayouts() {
  await db.$executeRaw`
    DELETE FROM "LineageLayout" WHERE "key" IN (
      SELECT "key" FROM "LineageLayout" ORDER BY "usedAt" DESC OFFSET ${STORED_KEEP}
    )`;
}

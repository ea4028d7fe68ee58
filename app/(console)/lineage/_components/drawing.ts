// How the graph is drawn, in the readable view (React Flow nodes) and in the overview alike.
import type { CanvasEdge } from "@/server/domain/lineage";

const HEALTH_STROKE = { ok: "#94a3b8", warn: "#f59e0b", err: "#e11d48", unknown: "#cbd5e1" } as const;
const DRIFT_STROKE = "#7c3aed";

export function edgeStyle(e: CanvasEdge) {
  const stroke = e.drift ? DRIFT_STROKE : HEALTH_STROKE[e.health];
  return {
    stroke,
    strokeWidth: e.health === "err" || e.drift ? 2.5 : 1.5,
    // Declared but never seen: dashed; a mapping inferred from client ids: dotted.
    strokeDasharray: !e.observed ? "6 4" : e.mapping === "client-id" ? "2 3" : undefined,
  };
}

/** Node colours by kind (the minimap's and the overview's); dead-letter queues in red. */
export const KIND_FILL = {
  service: "#6366f1",
  topic: "#10b981",
  group: "#f59e0b",
  team: "#0ea5e9",
  cluster: "#64748b",
  dlq: "#f43f5e",
} as const;

/** Below this zoom a node's text is too small to read: nodes are drawn as plain boxes. */
export const READABLE_ZOOM = 0.5;
/** Views with fewer nodes are drawn node by node at any zoom; larger ones as one overview picture when zoomed out. */
export const OVERVIEW_MIN_NODES = 150;

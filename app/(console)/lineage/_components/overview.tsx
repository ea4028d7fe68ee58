"use client";

// The whole graph when it is zoomed out too far to read: every node a box in its kind's colour and
// every edge a curve, drawn as a handful of SVG paths (one per colour and line style) instead of a
// React Flow node and edge each. A thousand-node estate fitted on screen is then a picture the
// browser draws at once; zooming in past READABLE_ZOOM (drawing.ts) brings back the nodes with their text.
import { useMemo } from "react";
import type { CanvasEdge, LineageNode } from "@/server/domain/lineage";
import { edgeStyle, KIND_FILL } from "./drawing";
import type { NodeSize, Point } from "./place-missing";

const HEALTH_RING = { warn: "#f59e0b", err: "#e11d48" } as const;

const rect = (p: Point, s: NodeSize) => `M${p.x} ${p.y}h${s.width}v${s.height}h${-s.width}Z`;
function curve(from: Point, to: Point, s: NodeSize) {
  const [x1, y1, x2, y2] = [from.x + s.width, from.y + s.height / 2, to.x, to.y + s.height / 2];
  const dx = Math.max(40, Math.abs(x2 - x1) / 2);
  return `M${x1} ${y1}C${x1 + dx} ${y1} ${x2 - dx} ${y2} ${x2} ${y2}`;
}

function add(groups: Map<string, string[]>, key: string, d: string) {
  const list = groups.get(key);
  if (list) list.push(d);
  else groups.set(key, [d]);
}

export function Overview({
  nodes,
  edges,
  positions,
  size,
  selected,
}: {
  nodes: LineageNode[];
  edges: CanvasEdge[];
  positions: Map<string, Point>;
  size: NodeSize;
  selected: string | null;
}) {
  const drawing = useMemo(() => {
    const lines = new Map<string, { style: ReturnType<typeof edgeStyle>; d: string[] }>();
    for (const e of edges) {
      const [a, b] = [positions.get(e.from), positions.get(e.to)];
      if (!a || !b) continue;
      const style = edgeStyle(e);
      const key = `${style.stroke}|${style.strokeWidth}|${style.strokeDasharray ?? ""}`;
      const group = lines.get(key) ?? { style, d: [] };
      group.d.push(curve(a, b, size));
      lines.set(key, group);
    }
    const boxes = new Map<string, string[]>();
    const rings = new Map<string, string[]>();
    for (const n of nodes) {
      const p = positions.get(n.id)!;
      const fill = n.dlq ? KIND_FILL.dlq : KIND_FILL[n.kind];
      add(boxes, fill, rect(p, size));
      if (n.health === "warn" || n.health === "err") add(rings, n.health, rect(p, size));
    }
    return { lines: [...lines.values()], boxes: [...boxes], rings: [...rings] as [keyof typeof HEALTH_RING, string[]][] };
  }, [nodes, edges, positions, size]);

  const focus = useMemo(() => {
    const p = selected ? positions.get(selected) : undefined;
    if (!selected || !p) return null;
    const near = edges.filter((e) => e.from === selected || e.to === selected);
    const d = near.flatMap((e) => {
      const [a, b] = [positions.get(e.from), positions.get(e.to)];
      return a && b ? [curve(a, b, size)] : [];
    });
    return { box: rect(p, size), lines: d.join("") };
  }, [selected, edges, positions, size]);

  return (
    <svg
      data-testid="lineage-overview"
      role="img"
      aria-label={`Overview of ${nodes.length} nodes and ${edges.length} edges; zoom in, or find a node, to read them`}
      className="pointer-events-none absolute left-0 top-0 overflow-visible"
      width={1}
      height={1}
    >
      {drawing.lines.map(({ style, d }) => (
        <path
          key={`${style.stroke}|${style.strokeWidth}|${style.strokeDasharray}`}
          d={d.join("")}
          fill="none"
          stroke={style.stroke}
          strokeWidth={style.strokeWidth}
          strokeDasharray={style.strokeDasharray}
          strokeOpacity={focus ? 0.25 : 0.6}
          vectorEffect="non-scaling-stroke"
        />
      ))}
      {drawing.boxes.map(([fill, d]) => (
        <path
          key={fill}
          d={d.join("")}
          fill={fill}
          fillOpacity={focus ? 0.35 : 1}
          stroke="white"
          strokeWidth={1}
          vectorEffect="non-scaling-stroke"
        />
      ))}
      {drawing.rings.map(([health, d]) => (
        <path key={health} d={d.join("")} fill="none" stroke={HEALTH_RING[health]} strokeWidth={2} vectorEffect="non-scaling-stroke" />
      ))}
      {focus ? (
        <>
          <path d={focus.lines} fill="none" stroke="#6366f1" strokeWidth={2.5} vectorEffect="non-scaling-stroke" />
          <path d={focus.box} fill="none" stroke="#6366f1" strokeWidth={3} vectorEffect="non-scaling-stroke" />
        </>
      ) : null}
    </svg>
  );
}

/**
 * The node under a point of the flow, or the nearest within `reach` (flow units): the overview's boxes
 * are no elements to click, and zoomed out over thousands of nodes a box is smaller than a pixel.
 */
export function nodeAt(point: Point, nodes: LineageNode[], positions: Map<string, Point>, size: NodeSize, reach: number): string | null {
  let best: string | null = null;
  let bestDistance = reach;
  for (const n of nodes) {
    const p = positions.get(n.id);
    if (!p) continue;
    const dx = Math.max(p.x - point.x, 0, point.x - (p.x + size.width));
    const dy = Math.max(p.y - point.y, 0, point.y - (p.y + size.height));
    const distance = Math.hypot(dx, dy);
    if (distance <= bestDistance) [best, bestDistance] = [n.id, distance];
  }
  return best;
}

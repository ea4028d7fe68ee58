"use client";

import {
  Background,
  Controls,
  MiniMap,
  Position,
  ReactFlow,
  useReactFlow,
  type Edge,
  type NodeChange,
  type NodeHandle,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useMemo, useRef } from "react";
import type { CanvasEdge, LineageNode } from "@/server/domain/lineage";
import { LineageNodeComponent, type FlowNode } from "./lineage-node";
import { placeAll, type NodeSize, type Point } from "./place-missing";

const NODE_TYPES = { lineage: LineageNodeComponent };
const HEALTH_STROKE = { ok: "#94a3b8", warn: "#f59e0b", err: "#e11d48", unknown: "#cbd5e1" } as const;
const DRIFT_STROKE = "#7c3aed";

function edgeStyle(e: CanvasEdge) {
  const stroke = e.drift ? DRIFT_STROKE : HEALTH_STROKE[e.health];
  return {
    stroke,
    strokeWidth: e.health === "err" || e.drift ? 2.5 : 1.5,
    // Declared but never seen: dashed; a mapping inferred from client ids: dotted.
    strokeDasharray: !e.observed ? "6 4" : e.mapping === "client-id" ? "2 3" : undefined,
  };
}

const MINIMAP_COLOR = { service: "#6366f1", topic: "#10b981", group: "#f59e0b" } as const;
const minimapColor = (n: { data: Record<string, unknown> }) => MINIMAP_COLOR[(n as FlowNode).data.node.kind];
const FIT_VIEW = { padding: 0.15, maxZoom: 1.2 };
const PRO = { hideAttribution: true };

/** A node's 8-pixel handles, mid-left (in) and mid-right (out), as lineage-node.tsx draws them. */
const HANDLE = 8;
const handlesCache = new Map<string, NodeHandle[]>();
/**
 * Given up front, the handles let React Flow draw every edge in its first pass instead of measuring
 * each node's handles in the page first (1,000 nodes: a forced layout and a second render).
 */
function handlesOf(size: NodeSize): NodeHandle[] {
  const key = `${size.width}x${size.height}`;
  let h = handlesCache.get(key);
  if (!h) {
    const y = size.height / 2 - HANDLE / 2;
    h = [
      { type: "target", position: Position.Left, x: -HANDLE / 2, y, width: HANDLE, height: HANDLE },
      { type: "source", position: Position.Right, x: size.width - HANDLE / 2, y, width: HANDLE, height: HANDLE },
    ];
    handlesCache.set(key, h);
  }
  return h;
}

/** The side panel's width (w-96) plus a margin: the part of the canvas it covers. */
const PANEL_COVER = 400;

/** Brings the selected node out from under the side panel (or back on screen), keeping the zoom. */
function KeepSelectedInView({ selected, positions, size }: { selected: string | null; positions: Map<string, Point>; size: NodeSize }) {
  const flow = useReactFlow();
  useEffect(() => {
    const p = selected ? positions.get(selected) : undefined;
    const pane = document.querySelector<HTMLElement>(".lineage-flow");
    if (!p || !pane) return;
    const { x, y, zoom } = flow.getViewport();
    const visibleWidth = pane.clientWidth - PANEL_COVER;
    const left = p.x * zoom + x;
    const top = p.y * zoom + y;
    const offX = left < 0 || left + size.width * zoom > visibleWidth;
    const offY = top < 0 || top + size.height * zoom > pane.clientHeight;
    if (!offX && !offY) return;
    void flow.setViewport(
      {
        x: offX ? visibleWidth / 2 - (p.x + size.width / 2) * zoom : x,
        y: offY ? pane.clientHeight / 2 - (p.y + size.height / 2) * zoom : y,
        zoom,
      },
      { duration: 250 },
    );
  }, [selected, positions, size, flow]);
  return null;
}

/** Where the server's layout (lineage.layout) puts each node, at the size it made room for. */
export type ServerLayout = { node: NodeSize; positions: Record<string, [number, number]> };

export function GraphCanvas({
  nodes,
  edges,
  layout,
  selected,
  onSelect,
}: {
  nodes: LineageNode[];
  edges: CanvasEdge[];
  layout: ServerLayout;
  selected: string | null;
  onSelect: (id: string | null) => void;
}) {
  // A layout of an older shape still places the nodes it knew; newcomers go beside a neighbour.
  const positions = useMemo(() => placeAll(nodes, edges, layout.positions, layout.node), [nodes, edges, layout]);

  // Selection is drawn by a style sheet over React Flow's data-id attributes, not by new node and
  // edge objects: with 1,000 nodes, re-rendering them all on every click cost over a second.
  const highlight = useMemo(() => {
    if (!selected) return "";
    const near = new Set([selected]);
    const nearEdges: string[] = [];
    for (const e of edges) if (e.from === selected || e.to === selected) (near.add(e.from), near.add(e.to), nearEdges.push(e.id));
    const not = (ids: Iterable<string>) => [...ids].map((id) => `:not([data-id=${JSON.stringify(id)}])`).join("");
    return [
      `.lineage-flow .react-flow__node${not(near)} { opacity: 0.3; }`,
      `.lineage-flow .react-flow__edge${not(nearEdges)} { opacity: 0.15; }`,
      `.lineage-flow .react-flow__node[data-id=${JSON.stringify(selected)}] > div { outline: 2px solid #6366f1; outline-offset: 2px; }`,
    ].join("\n");
  }, [selected, edges]);

  const flowNodes: FlowNode[] = useMemo(
    () =>
      nodes.map((n) => ({
        id: n.id,
        type: "lineage" as const,
        position: positions.get(n.id)!,
        width: layout.node.width,
        height: layout.node.height,
        handles: handlesOf(layout.node),
        data: { node: n },
      })),
    [positions, nodes, layout.node],
  );
  const flowEdges: Edge[] = useMemo(
    // interactionWidth 0: edges are not clicked here, and the invisible wide path React Flow adds to each
    // for hit-testing doubled the SVG to build on a 3,000-edge graph.
    () =>
      edges.map((e) => ({ id: e.id, source: e.from, target: e.to, style: edgeStyle(e), data: { drift: e.drift }, interactionWidth: 0 })),
    [edges],
  );

  // Stable handlers: React Flow hands them to every node, so a new function re-renders all of them.
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  });
  const nodeClick = useCallback((_: unknown, n: { id: string }) => onSelectRef.current(n.id), []);
  // Keyboard: Tab reaches a node, Enter selects it; React Flow reports that as a selection change.
  const nodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    for (const c of changes) if (c.type === "select" && c.selected) onSelectRef.current(c.id);
  }, []);
  const paneClick = useCallback(() => onSelectRef.current(null), []);
  const handlers = { nodeClick, nodesChange, paneClick };

  return (
    <>
      <style>{highlight}</style>
      <ReactFlow
        className="lineage-flow"
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={NODE_TYPES}
        onNodeClick={handlers.nodeClick}
        onNodesChange={handlers.nodesChange}
        onPaneClick={handlers.paneClick}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        onlyRenderVisibleElements={nodes.length > 200}
        minZoom={0.05}
        fitView
        fitViewOptions={FIT_VIEW}
        proOptions={PRO}
      >
        <KeepSelectedInView selected={selected} positions={positions} size={layout.node} />
        <Background gap={24} color="#e2e8f0" />
        <Controls showInteractive={false} />
        {nodes.length > 30 ? <MiniMap pannable zoomable nodeColor={minimapColor} /> : null}
      </ReactFlow>
    </>
  );
}

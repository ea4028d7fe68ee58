"use client";

import {
  Background,
  Controls,
  MiniMap,
  Position,
  ReactFlow,
  ReactFlowProvider,
  ControlButton,
  getViewportForBounds,
  useReactFlow,
  useStore,
  ViewportPortal,
  type ReactFlowState,
  type Edge,
  type NodeChange,
  type NodeHandle,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { CanvasEdge, LineageNode } from "@/server/domain/lineage";
import { edgeStyle, KIND_FILL, OVERVIEW_MIN_NODES, READABLE_ZOOM } from "./drawing";
import { FindNode } from "./find-node";
import { LineageNodeComponent, type FlowNode } from "./lineage-node";
import { nodeAt, Overview } from "./overview";
import { placeAll, type NodeSize, type Point } from "./place-missing";

const NODE_TYPES = { lineage: LineageNodeComponent };
const minimapColor = (n: { data: Record<string, unknown> }) => {
  const node = (n as FlowNode).data.node;
  return node.dlq ? KIND_FILL.dlq : KIND_FILL[node.kind];
};
// A large estate laid out is tens of thousands of pixels across: the fit may zoom out that far.
const FIT = { padding: 0.15, minZoom: 0.005, maxZoom: 1.2 };
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
function KeepSelectedInView({
  selected,
  positions,
  size,
  fitted,
}: {
  selected: string | null;
  positions: Map<string, Point>;
  size: NodeSize;
  /** after the first fit, which would move the view again */
  fitted: boolean;
}) {
  const flow = useReactFlow();
  useEffect(() => {
    const p = selected ? positions.get(selected) : undefined;
    const pane = document.querySelector<HTMLElement>(".lineage-flow");
    if (!p || !pane || !fitted) return;
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
  }, [selected, positions, size, fitted, flow]);
  return null;
}

/**
 * The viewport that shows every node. Computed from the layout, not by React Flow's fitView: the
 * overview has no React Flow nodes to fit, and fitting them waited for nodes it never renders.
 */
function useFitAll(positions: Map<string, Point>, size: NodeSize) {
  const { setViewport } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const fit = useCallback(() => {
    if (!width || !height || !positions.size) return false;
    const xs = [...positions.values()].map((p) => p.x);
    const ys = [...positions.values()].map((p) => p.y);
    const [x, y] = [Math.min(...xs), Math.min(...ys)];
    const bounds = { x, y, width: Math.max(...xs) - x + size.width, height: Math.max(...ys) - y + size.height };
    void setViewport(getViewportForBounds(bounds, width, height, FIT.minZoom, FIT.maxZoom, FIT.padding));
    return true;
  }, [positions, size, width, height, setViewport]);
  // Once, when the canvas first has a size: later layouts (a polled graph that grew) keep the view.
  const [fitted, setFitted] = useState(false);
  useEffect(() => {
    if (!fitted && fit()) setFitted(true);
  }, [fitted, fit]);
  return { fit, fitted };
}

/** Where the server's layout (lineage.layout) puts each node, at the size it made room for. */
export type ServerLayout = { node: NodeSize; positions: Record<string, [number, number]>; source?: string };

type CanvasProps = {
  nodes: LineageNode[];
  edges: CanvasEdge[];
  layout: ServerLayout;
  selected: string | null;
  onSelect: (id: string | null) => void;
};

export function GraphCanvas(props: CanvasProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}

const NO_NODES: FlowNode[] = [];
/** How far (screen pixels) a click in the overview may land from a node and still pick it. */
const CLICK_REACH_PX = 6;
const NO_EDGES: Edge[] = [];
const zoomedOut = (s: ReactFlowState) => s.transform[2] < READABLE_ZOOM;

function Canvas({ nodes, edges, layout, selected, onSelect }: CanvasProps) {
  const flow = useReactFlow();
  // A layout of an older shape still places the nodes it knew; newcomers go beside a neighbour.
  const positions = useMemo(() => placeAll(nodes, edges, layout.positions, layout.node), [nodes, edges, layout]);
  const { fit, fitted } = useFitAll(positions, layout.node);
  // The full layout replacing a draft moves every node: with nothing selected the whole graph is fitted
  // again; a selected node is brought into view where it now is (KeepSelectedInView).
  const wasDraft = useRef(layout.source === "draft");
  useEffect(() => {
    const draft = layout.source === "draft";
    if (wasDraft.current && !draft && !selected) fit();
    wasDraft.current = draft;
  }, [layout.source, selected, fit]);
  // Zoomed out over a large view (and before the first fit), the graph is one picture (overview.tsx),
  // not a React Flow node per element.
  const small = useStore(zoomedOut);
  const overview = nodes.length >= OVERVIEW_MIN_NODES && (small || !fitted);

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
  // The overview's boxes are no elements: a click finds the node under it.
  const overviewClick = (e: { clientX: number; clientY: number }) =>
    onSelect(
      nodeAt(flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }), nodes, positions, layout.node, CLICK_REACH_PX / flow.getZoom()),
    );
  const handlers = { nodeClick, nodesChange, paneClick: overview ? overviewClick : paneClick };

  return (
    <>
      <style>{highlight}</style>
      <ReactFlow
        className="lineage-flow"
        nodes={overview ? NO_NODES : flowNodes}
        edges={overview ? NO_EDGES : flowEdges}
        nodeTypes={NODE_TYPES}
        onNodeClick={handlers.nodeClick}
        onNodesChange={handlers.nodesChange}
        onPaneClick={handlers.paneClick}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        onlyRenderVisibleElements={nodes.length > 200}
        minZoom={FIT.minZoom}
        proOptions={PRO}
      >
        <KeepSelectedInView selected={selected} positions={positions} size={layout.node} fitted={fitted} />
        <Background gap={24} color="#e2e8f0" />
        <Controls showInteractive={false} showFitView={false}>
          <ControlButton onClick={fit} title="Fit the whole graph" aria-label="Fit the whole graph">
            <FitIcon />
          </ControlButton>
        </Controls>
        {nodes.length >= OVERVIEW_MIN_NODES ? (
          <FindNode nodes={nodes} positions={positions} size={layout.node} onSelect={onSelect} />
        ) : null}
        {overview ? (
          <ViewportPortal>
            <Overview nodes={nodes} edges={edges} positions={positions} size={layout.node} selected={selected} />
          </ViewportPortal>
        ) : nodes.length > 30 ? (
          <MiniMap pannable zoomable nodeColor={minimapColor} />
        ) : null}
      </ReactFlow>
    </>
  );
}

function FitIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden>
      <path d="M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

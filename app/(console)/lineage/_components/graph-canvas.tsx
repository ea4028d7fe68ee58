"use client";

import { Background, Controls, MiniMap, ReactFlow, type Edge } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useEffect, useMemo, useState } from "react";
import type { LineageEdge, LineageNode } from "@/server/domain/lineage";
import { layout } from "./layout";
import { LineageNodeComponent, type FlowNode } from "./lineage-node";

const NODE_TYPES = { lineage: LineageNodeComponent };
const HEALTH_STROKE = { ok: "#94a3b8", warn: "#f59e0b", err: "#e11d48", unknown: "#cbd5e1" } as const;
const DRIFT_STROKE = "#7c3aed";

function edgeStyle(e: LineageEdge) {
  const stroke = e.drift ? DRIFT_STROKE : HEALTH_STROKE[e.health];
  return {
    stroke,
    strokeWidth: e.health === "err" || e.drift ? 2.5 : 1.5,
    // Declared but never seen: dashed; a mapping inferred from client ids: dotted.
    strokeDasharray: !e.observed ? "6 4" : e.mapping === "client-id" ? "2 3" : undefined,
  };
}

export type LayoutProgress = { state: "layout" | "ready" | "error"; ms: number | null; error?: string };

export function GraphCanvas({
  nodes,
  edges,
  selected,
  onSelect,
  onProgress,
}: {
  nodes: LineageNode[];
  edges: LineageEdge[];
  selected: string | null;
  onSelect: (id: string | null) => void;
  onProgress: (p: LayoutProgress) => void;
}) {
  const [positions, setPositions] = useState<Map<string, { x: number; y: number }> | null>(null);
  const shape = useMemo(() => nodes.map((n) => n.id).join("|") + "#" + edges.map((e) => e.id).join("|"), [nodes, edges]);

  useEffect(() => {
    let cancelled = false;
    const started = performance.now();
    onProgress({ state: "layout", ms: null });
    layout(nodes, edges).then(
      (p) => {
        if (cancelled) return;
        setPositions(p);
        onProgress({ state: "ready", ms: Math.round(performance.now() - started) });
      },
      (e: Error) => !cancelled && onProgress({ state: "error", ms: null, error: e.message }),
    );
    return () => {
      cancelled = true;
    };
    // Only a change of the graph's shape needs a new layout; fresh numbers reuse the positions.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape]);

  const neighbours = useMemo(() => {
    if (!selected) return null;
    const near = new Set([selected]);
    for (const e of edges) if (e.from === selected || e.to === selected) (near.add(e.from), near.add(e.to));
    return near;
  }, [selected, edges]);

  const flowNodes: FlowNode[] = useMemo(
    () =>
      positions
        ? nodes.map((n) => ({
            id: n.id,
            type: "lineage" as const,
            position: positions.get(n.id) ?? { x: 0, y: 0 },
            data: { node: n, dimmed: neighbours !== null && !neighbours.has(n.id) },
            selected: n.id === selected,
          }))
        : [],
    [positions, nodes, neighbours, selected],
  );
  const flowEdges: Edge[] = useMemo(
    () =>
      edges.map((e) => ({
        id: e.id,
        source: e.from,
        target: e.to,
        style: { ...edgeStyle(e), opacity: neighbours && !(neighbours.has(e.from) && neighbours.has(e.to)) ? 0.15 : 1 },
        data: { drift: e.drift },
      })),
    [edges, neighbours],
  );

  if (!positions) return null;
  return (
    <ReactFlow
      nodes={flowNodes}
      edges={flowEdges}
      nodeTypes={NODE_TYPES}
      onNodeClick={(_, n) => onSelect(n.id)}
      // Keyboard: Tab reaches a node, Enter selects it; React Flow reports that as a selection change.
      onNodesChange={(changes) => {
        for (const c of changes) if (c.type === "select" && c.selected) onSelect(c.id);
      }}
      onPaneClick={() => onSelect(null)}
      nodesDraggable={false}
      nodesConnectable={false}
      edgesFocusable={false}
      onlyRenderVisibleElements={nodes.length > 200}
      minZoom={0.05}
      fitView
      fitViewOptions={{ padding: 0.15, maxZoom: 1.2 }}
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={24} color="#e2e8f0" />
      <Controls showInteractive={false} />
      {nodes.length > 30 ? <MiniMap pannable zoomable nodeColor={(n) => ((n as FlowNode).data.node.kind === "service" ? "#6366f1" : (n as FlowNode).data.node.kind === "topic" ? "#10b981" : "#f59e0b")} /> : null}
    </ReactFlow>
  );
}

"use client";

// Finding one node in a large view: type part of its name, pick it, and the canvas moves to it at a
// readable zoom and selects it (its details open). Filtering (the search box above) narrows the graph;
// this keeps the graph and goes to the node.
import { Panel, useReactFlow } from "@xyflow/react";
import { useId, useState, type FormEvent } from "react";
import type { LineageNode } from "@/server/domain/lineage";
import type { NodeSize, Point } from "./place-missing";

const MAX_SUGGESTIONS = 50;

export function FindNode({
  nodes,
  positions,
  size,
  onSelect,
}: {
  nodes: LineageNode[];
  positions: Map<string, Point>;
  size: NodeSize;
  onSelect: (id: string) => void;
}) {
  const flow = useReactFlow();
  const listId = useId();
  const [text, setText] = useState("");
  const [missing, setMissing] = useState(false);
  const q = text.trim().toLowerCase();
  const matches = q ? nodes.filter((n) => n.label.toLowerCase().includes(q)) : [];

  function go(e: FormEvent) {
    e.preventDefault();
    const node = matches.find((n) => n.label.toLowerCase() === q) ?? matches[0];
    const p = node && positions.get(node.id);
    setMissing(!p);
    if (!node || !p) return;
    // At once, not animated: the selection then finds its node on screen and leaves the view alone.
    void flow.setCenter(p.x + size.width / 2, p.y + size.height / 2, { zoom: Math.max(1, flow.getZoom()) });
    onSelect(node.id);
  }

  return (
    <Panel position="top-left">
      <form onSubmit={go} className="flex items-center gap-1 rounded-md border border-slate-200 bg-white/95 p-1 shadow-sm" role="search">
        <label htmlFor={`${listId}-input`} className="sr-only">
          Find a node in the graph
        </label>
        <input
          id={`${listId}-input`}
          list={listId}
          value={text}
          onChange={(e) => (setText(e.target.value), setMissing(false))}
          placeholder="Find a node…"
          className="w-56 rounded border border-slate-300 px-2 py-1 text-sm"
          aria-invalid={missing}
        />
        <datalist id={listId}>
          {matches.slice(0, MAX_SUGGESTIONS).map((n) => (
            <option key={n.id} value={n.label}>
              {n.kind}
            </option>
          ))}
        </datalist>
        <button type="submit" className="rounded bg-indigo-600 px-2 py-1 text-sm font-medium text-white hover:bg-indigo-700">
          Go
        </button>
        {missing ? <span className="px-1 text-xs text-rose-700">No node matches</span> : null}
      </form>
    </Panel>
  );
}

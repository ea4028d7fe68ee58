"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/react";
import type { GraphLayout } from "@/server/domain/lineage";
import type { ViewFilter } from "./view-filter";

const DRAFT_POLL_MS = 2_000;

type View = { nodes: { id: string }[]; layoutKey: string; layout: GraphLayout | null };

/**
 * The layout to draw a view with. The server lays out each graph shape once and keeps it: a known
 * shape comes with the view itself; a new one is asked for (lineage.layout), and meanwhile the layout
 * drawn last stays (the canvas places nodes it does not know beside a neighbour). A large new shape
 * comes first as a draft, then as the full layout.
 */
export function useGraphLayout(view: View | undefined, filter: ViewFilter) {
  const trpc = useTRPC();
  const needed = Boolean(view?.nodes.length) && !view?.layout;
  const asked = useQuery({
    ...trpc.lineage.layout.queryOptions({ ...filter, key: view?.layoutKey ?? "-" }),
    enabled: needed,
    staleTime: Infinity,
    // A draft is drawn while the server's layout engine is still at work: ask again until it is done.
    refetchInterval: (query) => (query.state.data?.source === "draft" ? DRAFT_POLL_MS : false),
  });
  const ready = view?.layout ?? (needed ? asked.data : undefined);
  // The last layout drawn, kept across renders (React's pattern for state derived from a previous render).
  const [shown, setShown] = useState<GraphLayout | null>(null);
  if (ready && ready !== shown) setShown(ready);
  // The last layout stands in only for a view it mostly places (the same view, grown a little since):
  // for another view (a filter changed) it would pile the nodes up, and "laying out" says more.
  const standIn = shown && view && placesMost(shown, view.nodes) ? shown : null;
  return {
    layout: ready ?? standIn,
    state: (needed && asked.isError ? "error" : ready ? "ready" : "layout") as "error" | "ready" | "layout",
    error: needed ? asked.error : null,
    pending: !ready && !standIn,
  };
}

function placesMost(layout: GraphLayout, nodes: { id: string }[]): boolean {
  let placed = 0;
  for (const n of nodes) if (layout.positions[n.id]) placed++;
  return placed >= nodes.length / 2;
}

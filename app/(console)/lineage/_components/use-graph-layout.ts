"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/react";
import type { GraphLayout } from "@/server/domain/lineage";

type Filter = {
  clusterId?: string;
  team?: string;
  search?: string;
  focus?: string;
  hops: number;
  direction: "both" | "upstream" | "downstream";
};
type View = { nodes: unknown[]; layoutKey: string; layout: GraphLayout | null };

/**
 * The layout to draw a view with. The server lays out each graph shape once and keeps it: a known
 * shape comes with the view itself; a new one is asked for (lineage.layout), and meanwhile the layout
 * drawn last stays (the canvas places nodes it does not know beside a neighbour).
 */
export function useGraphLayout(view: View | undefined, filter: Filter) {
  const trpc = useTRPC();
  const needed = Boolean(view?.nodes.length) && !view?.layout;
  const asked = useQuery({
    ...trpc.lineage.layout.queryOptions({ ...filter, key: view?.layoutKey ?? "-" }),
    enabled: needed,
    staleTime: Infinity,
  });
  const ready = view?.layout ?? (needed ? asked.data : undefined);
  // The last layout drawn, kept across renders (React's pattern for state derived from a previous render).
  const [shown, setShown] = useState<GraphLayout | null>(null);
  if (ready && ready !== shown) setShown(ready);
  return {
    layout: ready ?? shown,
    state: (needed && asked.isError ? "error" : ready ? "ready" : "layout") as "error" | "ready" | "layout",
    error: needed ? asked.error : null,
    pending: !ready && !shown,
  };
}

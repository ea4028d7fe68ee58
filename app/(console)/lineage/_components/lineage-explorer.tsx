"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { fmtInt } from "@/app/_components/format";
import { FilterSelect } from "@/app/_components/ui/filter-select";
import { SearchBox } from "@/app/_components/ui/search-box";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { useQueryState } from "@/app/_components/use-query-state";
import { useTRPC } from "@/app/_trpc/react";
import type { RouterOutputs } from "@/server/api/root";
import { AsyncApiImport } from "./asyncapi-import";
import { GraphCanvas } from "./graph-canvas";
import { Legend } from "./legend";
import { NodePanel } from "./node-panel";
import { useGraphLayout } from "./use-graph-layout";
import { COLLAPSE, DIRECTIONS, sameView, viewFilter, type ViewFilter } from "./view-filter";

/** The first view's answer, computed while the server rendered the page (so it comes with the page). */
export type FirstView = { filter: ViewFilter; data: RouterOutputs["lineage"]["graph"] };

export function LineageExplorer({ first }: { first: FirstView | null }) {
  const trpc = useTRPC();
  const { params, set } = useQueryState({ shallow: true });
  const filter = viewFilter((k) => params.get(k));
  const { clusterId, team, focus, hops, direction } = filter;
  const selected = params.get("node");

  const clusters = useQuery(trpc.clusters.list.queryOptions());
  const graph = useQuery({
    ...trpc.lineage.graph.queryOptions(filter),
    initialData: first && sameView(first.filter, filter) ? first.data : undefined,
    refetchInterval: 15_000,
    placeholderData: keepPreviousData,
  });
  const d = graph.data;
  // Another view (the filters changed) is a new canvas, fitted anew once its answer is in; a polled
  // view keeps its place.
  const [canvasKey, setCanvasKey] = useState(() => JSON.stringify(filter));
  if (!graph.isPlaceholderData && graph.data && canvasKey !== JSON.stringify(filter)) setCanvasKey(JSON.stringify(filter));
  // A collapsed node opens into its team's (cluster's) part of the graph; any other shows its details.
  const open = (id: string | null) => {
    const n = id ? d?.nodes.find((x) => x.id === id) : undefined;
    if (n?.kind === "team") set({ collapse: undefined, node: undefined, team: n.team ?? undefined });
    else if (n?.kind === "cluster") set({ collapse: undefined, node: undefined, cluster: n.clusterId ?? undefined });
    else set({ node: id });
  };
  const { layout: l, state: layoutState, error: layoutError, pending: layoutPending } = useGraphLayout(d, filter);
  const drift = d?.edges.filter((e) => e.drift).length ?? 0;

  return (
    <div className="flex h-[calc(100vh-9rem)] min-h-[480px] flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3" role="search">
        <SearchBox label="Search nodes" placeholder="Search services, topics, groups" params={params} set={set} />
        <FilterSelect
          label="Cluster"
          param="cluster"
          any="All clusters"
          options={clusters.data?.map((c) => [c.id, c.name] as const)}
          params={params}
          set={set}
        />
        <FilterSelect label="Team" param="team" any="All teams" options={d?.teams.map((t) => [t, t] as const)} params={params} set={set} />
        <FilterSelect label="Collapse" param="collapse" any="Every node" options={COLLAPSE} params={params} set={set} />
        {focus ? (
          <div className="flex items-center gap-2 rounded-md bg-indigo-50 px-2 py-1 text-sm text-indigo-900" data-testid="focus-bar">
            Focus <span className="font-mono">{focus.split(":").slice(2).join(":") || focus.slice(4)}</span>
            <select
              aria-label="Focus hops"
              className="rounded border border-indigo-200 bg-white px-1 text-sm"
              value={hops}
              onChange={(e) => set({ hops: e.target.value })}
            >
              {[1, 2, 3, 4, 6, 10].map((h) => (
                <option key={h} value={h}>
                  {h} hop{h > 1 ? "s" : ""}
                </option>
              ))}
            </select>
            <select
              aria-label="Focus direction"
              className="rounded border border-indigo-200 bg-white px-1 text-sm"
              value={direction}
              onChange={(e) => set({ dir: e.target.value })}
            >
              {Object.entries(DIRECTIONS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
            <button type="button" className="underline" onClick={() => set({ focus: undefined, hops: undefined, dir: undefined })}>
              Clear
            </button>
          </div>
        ) : null}
        <p className="ml-auto text-sm text-slate-500" aria-live="polite" data-testid="graph-stats">
          {d ? `${fmtInt(d.nodes.length)} of ${fmtInt(d.total.nodes)} nodes · ${fmtInt(d.edges.length)} edges` : ""}
          {drift ? <span className="ml-2 rounded bg-violet-100 px-1.5 py-0.5 text-violet-800">{drift} drift</span> : null}
          {layoutState === "layout" && d?.nodes.length
            ? " · laying out…"
            : l && layoutState === "ready"
              ? l.source === "computed"
                ? ` · laid out in ${fmtInt(l.computeMs)} ms`
                : l.source === "extended"
                  ? " · layout kept, new nodes placed beside it"
                  : l.source === "draft"
                    ? " · a quick draft: the full layout is being made and replaces it when ready"
                    : ` · layout kept (made in ${fmtInt(l.computeMs)} ms)`
              : ""}
        </p>
        <AsyncApiImport />
        <a
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
          href={`/api/asyncapi${clusterId || team ? `?${new URLSearchParams({ ...(clusterId ? { cluster: clusterId } : {}), ...(team ? { team } : {}) })}` : ""}`}
          download
        >
          Export AsyncAPI
        </a>
      </div>
      <ErrorNote error={graph.error} />
      {layoutError ? <ErrorNote error={{ message: `Layout failed: ${layoutError.message}` }} /> : null}
      {graph.isPending ? (
        <LoadingRows rows={6} label="Loading the lineage graph" />
      ) : !d || d.nodes.length === 0 ? (
        <EmptyState title={d?.total.nodes ? "Nothing matches these filters" : "No lineage yet"}>
          {d?.total.nodes
            ? "Clear the search, team or focus to see more of the graph."
            : "Edges come from consumer groups (connect a cluster), from PRODUCER/CONSUMER spans sent to /v1/traces, and from what teams declare."}
        </EmptyState>
      ) : (
        <div className="relative flex min-h-0 flex-1 overflow-hidden rounded-lg border border-slate-200 bg-slate-50">
          <div className="relative min-w-0 flex-1" data-testid="lineage-canvas" data-layout={layoutState}>
            {l ? (
              <GraphCanvas key={canvasKey} nodes={d.nodes} edges={d.edges} layout={l} selected={selected} onSelect={open} />
            ) : layoutPending ? (
              <LoadingRows rows={4} label={`Laying out ${fmtInt(d.nodes.length)} nodes`} />
            ) : null}
            <Legend />
          </div>
          {selected ? (
            <NodePanel id={selected} onClose={() => set({ node: undefined })} onFocus={(id) => set({ focus: id, q: undefined })} />
          ) : null}
        </div>
      )}
    </div>
  );
}

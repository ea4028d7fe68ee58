"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { FilterSelect } from "@/app/_components/ui/filter-select";
import { fieldClass } from "@/app/_components/ui/form";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { useDebounced } from "@/app/_components/use-debounced";
import { useQueryState } from "@/app/_components/use-query-state";
import { useTRPC } from "@/app/_trpc/react";
import { HistoryTable } from "@/app/_components/history-table";
import { AuditTable } from "./audit-table";

const asDate = (v: string | null) => (v && !Number.isNaN(Date.parse(v)) ? new Date(v) : undefined);

/** Filters live in the URL (shareable, like every list here); older entries load page by page. */
export function AuditLog() {
  const url = useQueryState();
  const target = url.params.get("target");
  const id = url.params.get("id");
  // One resource's history (linked from its page): open to whoever may see the resource.
  if (target && id)
    return (
      <div className="space-y-3">
        <p className="text-sm text-slate-600">
          History of {target} <span className="font-mono">{id}</span> ·{" "}
          <button type="button" className="text-indigo-700 hover:underline" onClick={() => url.set({ id: undefined })}>
            the whole log
          </button>
        </p>
        <HistoryTable targetType={target} targetId={id} />
      </div>
    );
  return <FilteredLog />;
}

function FilteredLog() {
  const trpc = useTRPC();
  const url = useQueryState();
  const { params, set } = url;
  const facets = useQuery(trpc.audit.facets.queryOptions());
  const [actor, setActor] = useState(params.get("actor") ?? "");
  const debouncedActor = useDebounced(actor.trim(), 300);
  useEffect(() => {
    if ((params.get("actor") ?? "") !== debouncedActor) set({ actor: debouncedActor });
  }, [debouncedActor, params, set]);
  const filter = {
    actor: params.get("actor") || undefined,
    action: params.get("action") || undefined,
    targetType: params.get("target") || undefined,
    from: asDate(params.get("from")),
    to: asDate(params.get("to")),
    limit: 50,
  };
  const log = useInfiniteQuery(trpc.audit.list.infiniteQueryOptions(filter, { getNextPageParam: (page) => page.next ?? undefined }));
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  const pairs = (values: string[] | undefined) => (values ?? []).map((v) => [v, v] as const);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter the audit log">
        <label className="w-56 text-sm">
          Actor
          <input className={fieldClass} value={actor} onChange={(e) => setActor(e.target.value)} placeholder="admin, token:ci…" />
        </label>
        <FilterSelect {...url} label="Action" param="action" any="Any action" options={pairs(facets.data?.actions)} />
        <FilterSelect {...url} label="Target" param="target" any="Any target" options={pairs(facets.data?.targetTypes)} />
        <label className="w-52 text-sm">
          From
          <input
            className={fieldClass}
            type="datetime-local"
            value={params.get("from") ?? ""}
            onChange={(e) => set({ from: e.target.value })}
          />
        </label>
        <label className="w-52 text-sm">
          To
          <input
            className={fieldClass}
            type="datetime-local"
            value={params.get("to") ?? ""}
            onChange={(e) => set({ to: e.target.value })}
          />
        </label>
      </div>
      <ErrorNote error={log.error} />
      {log.isPending ? (
        <LoadingRows label="Loading the audit log" />
      ) : !rows.length ? (
        <EmptyState title="Nothing recorded here">No change matches these filters.</EmptyState>
      ) : (
        <>
          <AuditTable rows={rows} />
          {log.hasNextPage ? (
            <Button onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>
              {log.isFetchingNextPage ? "Loading…" : "Older entries"}
            </Button>
          ) : (
            <p className="text-xs text-slate-500">The start of the log for these filters.</p>
          )}
        </>
      )}
    </div>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { SearchBox } from "@/app/_components/ui/search-box";
import { useTRPC } from "@/app/_trpc/react";

const select = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function TopicFilters({ params, set }: { params: URLSearchParams; set: (p: Record<string, string | boolean | undefined>) => void }) {
  const trpc = useTRPC();
  const clusters = useQuery(trpc.clusters.list.queryOptions());
  const facets = useQuery(trpc.topics.facets.queryOptions());

  return (
    <div role="search" className="mb-4 flex flex-wrap items-center gap-2">
      <SearchBox label="Search topics" placeholder="Search name, owner or description…" params={params} set={set} />
      <select
        aria-label="Cluster"
        className={select}
        value={params.get("cluster") ?? ""}
        onChange={(e) => set({ cluster: e.target.value, page: undefined })}
      >
        <option value="">All clusters</option>
        {clusters.data?.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <select
        aria-label="Owner"
        className={select}
        value={params.get("owner") ?? ""}
        onChange={(e) => set({ owner: e.target.value, page: undefined })}
      >
        <option value="">Any owner</option>
        {facets.data?.owners.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      <select
        aria-label="Tag"
        className={select}
        value={params.get("tag") ?? ""}
        onChange={(e) => set({ tag: e.target.value, page: undefined })}
      >
        <option value="">Any tag</option>
        {facets.data?.tags.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <label className="flex items-center gap-1.5 text-sm text-slate-600">
        <input
          type="checkbox"
          checked={params.get("internal") === "1"}
          onChange={(e) => set({ internal: e.target.checked ? "1" : undefined, page: undefined })}
        />
        Internal
      </label>
      <label className="flex items-center gap-1.5 text-sm text-slate-600">
        <input
          type="checkbox"
          checked={params.get("deleted") === "1"}
          onChange={(e) => set({ deleted: e.target.checked ? "1" : undefined, page: undefined })}
        />
        Deleted
      </label>
      <label className="flex items-center gap-1.5 text-sm text-slate-600">
        <input
          type="checkbox"
          checked={params.get("dlq") === "1"}
          onChange={(e) => set({ dlq: e.target.checked ? "1" : undefined, page: undefined })}
        />
        Dead-letter queues only
      </label>
    </div>
  );
}

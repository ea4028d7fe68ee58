"use client";

import { useQuery } from "@tanstack/react-query";
import { FilterSelect, type UrlState } from "@/app/_components/ui/filter-select";
import { SearchBox } from "@/app/_components/ui/search-box";
import { useTRPC } from "@/app/_trpc/react";

export function TopicFilters({ params, set }: { params: URLSearchParams; set: (p: Record<string, string | boolean | undefined>) => void }) {
  const trpc = useTRPC();
  const clusters = useQuery(trpc.clusters.list.queryOptions());
  const facets = useQuery(trpc.topics.facets.queryOptions());

  return (
    <div role="search" className="mb-4 flex flex-wrap items-center gap-2">
      <SearchBox label="Search the catalog" placeholder="Search name, owner or description…" params={params} set={set} />
      <FilterSelect
        label="Broker"
        param="broker"
        any="All brokers"
        options={[
          ["kafka", "Kafka"],
          ["rabbitmq", "RabbitMQ"],
          ["nats", "NATS JetStream"],
        ]}
        params={params}
        set={set}
      />
      <FilterSelect
        label="Kind"
        param="kind"
        any="Topics, queues, exchanges, streams"
        options={[
          ["topic", "Kafka topics"],
          ["queue", "Queues"],
          ["exchange", "Exchanges"],
          ["stream", "Streams"],
        ]}
        params={params}
        set={set}
      />
      <FilterSelect
        label="Connection"
        param="cluster"
        any="All connections"
        options={clusters.data?.map((c) => [c.id, c.name] as const)}
        params={params}
        set={set}
      />
      <FilterSelect
        label="Owner"
        param="owner"
        any="Any owner"
        options={facets.data?.owners.map((o) => [o, o] as const)}
        params={params}
        set={set}
      />
      <FilterSelect
        label="Tag"
        param="tag"
        any="Any tag"
        options={facets.data?.tags.map((t) => [t, t] as const)}
        params={params}
        set={set}
      />
      <FilterCheck label="Internal" param="internal" params={params} set={set} />
      <FilterCheck label="Deleted" param="deleted" params={params} set={set} />
      <FilterCheck label="Dead-letter queues only" param="dlq" params={params} set={set} />
    </div>
  );
}

function FilterCheck({ label, param, params, set }: UrlState & { label: string; param: string }) {
  return (
    <label className="flex items-center gap-1.5 text-sm text-slate-600">
      <input
        type="checkbox"
        checked={params.get(param) === "1"}
        onChange={(e) => set({ [param]: e.target.checked ? "1" : undefined, page: undefined })}
      />
      {label}
    </label>
  );
}

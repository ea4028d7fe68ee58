"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { fmtInt, fmtRate } from "@/app/_components/format";
import { Pagination } from "@/app/_components/ui/pagination";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import { Table, Th } from "@/app/_components/ui/table";
import { useQueryState } from "@/app/_components/use-query-state";
import { useTRPC } from "@/app/_trpc/react";
import type { RouterInputs } from "@/server/api/root";
import { BrokerBadge, DESTINATION_NOUN } from "@/app/_components/broker-badge";
import { TopicFilters } from "./topic-filters";

type Sort = NonNullable<RouterInputs["topics"]["list"]["sort"]>;
const COLUMNS: { key: Sort | null; label: string; align?: "right" }[] = [
  { key: "name", label: "Name" },
  { key: null, label: "Broker" },
  { key: "cluster", label: "Connection" },
  { key: "owner", label: "Owner" },
  { key: null, label: "Tags" },
  { key: "partitions", label: "Partitions", align: "right" },
  { key: "messages", label: "Messages", align: "right" },
  { key: "rate", label: "Rate", align: "right" },
];

export function TopicsTable() {
  const trpc = useTRPC();
  const { params, set } = useQueryState();
  const sort = (params.get("sort") ?? "name") as Sort;
  const dir = params.get("dir") === "desc" ? "desc" : "asc";
  const page = Math.max(1, Number(params.get("page") ?? 1) || 1);
  const list = useQuery({
    ...trpc.topics.list.queryOptions({
      search: params.get("q") || undefined,
      clusterId: params.get("cluster") || undefined,
      broker: (params.get("broker") || undefined) as RouterInputs["topics"]["list"]["broker"],
      kind: (params.get("kind") || undefined) as RouterInputs["topics"]["list"]["kind"],
      owner: params.get("owner") || undefined,
      tag: params.get("tag") || undefined,
      includeInternal: params.get("internal") === "1",
      includeDeleted: params.get("deleted") === "1",
      deadLetterOnly: params.get("dlq") === "1",
      sort,
      dir,
      page,
      pageSize: 50,
    }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });

  const toggleSort = (key: Sort) => set({ sort: key, dir: sort === key && dir === "asc" ? "desc" : undefined, page: undefined });

  return (
    <div>
      <TopicFilters params={params} set={set} />
      <ErrorNote error={list.error} />
      {list.isPending ? (
        <LoadingRows label="Loading the catalog" />
      ) : list.data && list.data.total === 0 ? (
        <EmptyState title="Nothing matches">Clear a filter, or wait for the next catalog sync if the connection was just added.</EmptyState>
      ) : list.data ? (
        <>
          <Table
            dimmed={list.isPlaceholderData}
            head={COLUMNS.map((c) => (
              <Th
                key={c.label}
                right={c.align === "right"}
                aria-sort={c.key && c.key === sort ? (dir === "asc" ? "ascending" : "descending") : undefined}
              >
                {c.key ? (
                  <button type="button" onClick={() => toggleSort(c.key!)} className="uppercase hover:text-slate-800">
                    {c.label}
                    {c.key === sort ? (dir === "asc" ? " ▲" : " ▼") : ""}
                  </button>
                ) : (
                  c.label
                )}
              </Th>
            ))}
          >
            {list.data.items.map((t) => (
              <tr key={t.id} className="hover:bg-slate-50" data-testid="topic-row">
                <td className="max-w-xs px-4 py-2">
                  <Link href={`/topics/${t.id}`} className="font-medium text-indigo-700 hover:underline">
                    {t.name}
                  </Link>
                  {t.namespace && t.namespace !== "/" ? <span className="ml-1 text-xs text-slate-400">vhost {t.namespace}</span> : null}
                  {t.internal ? <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-500">internal</span> : null}
                  {t.deadLetter ? (
                    <span data-testid="dlq-badge" className="ml-2 rounded bg-rose-50 px-1.5 text-xs font-medium text-rose-700">
                      DLQ
                    </span>
                  ) : null}
                  {t.deletedAt ? (
                    <span className="ml-2">
                      <StatusBadge status="DELETED" />
                    </span>
                  ) : null}
                </td>
                <td className="px-4 py-2 text-xs whitespace-nowrap text-slate-600">
                  <BrokerBadge kind={t.broker} /> {DESTINATION_NOUN[t.kind]}
                </td>
                <td className="px-4 py-2 text-slate-600">{t.clusterName}</td>
                <td className="px-4 py-2 text-slate-600">{t.ownerTeam ?? <span className="text-slate-400">—</span>}</td>
                <td className="px-4 py-2">
                  <span className="flex flex-wrap gap-1">
                    {t.tags.map((tag) => (
                      <button
                        key={tag}
                        type="button"
                        onClick={() => set({ tag, page: undefined })}
                        className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-700 hover:bg-indigo-100"
                      >
                        {tag}
                      </button>
                    ))}
                  </span>
                </td>
                <td className="px-4 py-2 text-right tabular-nums">
                  {t.kind === "topic" ? t.partitionCount : <span className="text-slate-400">—</span>}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{fmtInt(t.messageCount)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{fmtRate(t.messagesPerSec)}</td>
              </tr>
            ))}
          </Table>
          <Pagination result={list.data} set={set} noun="destination" />
        </>
      ) : null}
    </div>
  );
}

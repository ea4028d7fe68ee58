"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { BROKER_OF, BrokerBadge, CONSUMER_NOUN } from "@/app/_components/broker-badge";
import { fmtAgo, fmtInt, fmtSeconds } from "@/app/_components/format";
import { Pagination } from "@/app/_components/ui/pagination";
import { SearchBox } from "@/app/_components/ui/search-box";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { Sparkline } from "@/app/_components/ui/sparkline";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import { Table, Th } from "@/app/_components/ui/table";
import { useQueryState } from "@/app/_components/use-query-state";
import { useTRPC } from "@/app/_trpc/react";

export function GroupsTable() {
  const trpc = useTRPC();
  const { params, set } = useQueryState();

  const page = Math.max(1, Number(params.get("page") ?? 1) || 1);
  const list = useQuery({
    ...trpc.consumers.list.queryOptions({
      search: params.get("q") || undefined,
      clusterId: params.get("cluster") || undefined,
      sort: (["group", "lag", "timeLag"] as const).find((x) => x === params.get("sort")) ?? "group",
      dir: params.get("dir") === "desc" ? "desc" : "asc",
      page,
      pageSize: 50,
    }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
  const sort = params.get("sort") ?? "group";
  const dir = params.get("dir") === "desc" ? "desc" : "asc";
  // Lag sorts biggest first on the first click; names A→Z.
  const sortBy = (key: string) =>
    set({
      sort: key === "group" ? undefined : key,
      dir: sort === key ? (dir === "asc" ? "desc" : undefined) : key === "group" ? undefined : "desc",
      page: undefined,
    });
  const sortTh = (id: string, label: string, right = false) => (
    <Th right={right} aria-sort={sort === id ? (dir === "asc" ? "ascending" : "descending") : "none"}>
      <button type="button" onClick={() => sortBy(id)} className="inline-flex items-center gap-1 uppercase hover:text-slate-800">
        {label}
        <span aria-hidden className="text-[10px]">
          {sort === id ? (dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </Th>
  );
  return (
    <div>
      <div role="search" className="mb-4">
        <SearchBox label="Search groups" placeholder="Search group id…" params={params} set={set} />
      </div>
      <ErrorNote error={list.error} />
      {list.isPending ? (
        <LoadingRows label="Loading consumers" />
      ) : list.data && list.data.total === 0 ? (
        <EmptyState title="No consumers">No connection has a consumer group, queue or JetStream consumer that matches.</EmptyState>
      ) : list.data ? (
        <>
          <Table
            dimmed={list.isPlaceholderData}
            head={
              <>
                {sortTh("group", "Consumer")}
                <Th>Broker</Th>
                <Th>Connection</Th>
                <Th>State</Th>
                <Th right>Members</Th>
                <Th>Lag status</Th>
                {sortTh("lag", "Lag", true)}
                <Th>Last hour</Th>
                {sortTh("timeLag", "Time lag", true)}
                <Th right>Drains in</Th>
                <Th>Topics</Th>
                <Th>Seen</Th>
              </>
            }
          >
            {list.data.items.map((g) => (
              <tr key={g.id} data-testid="group-row">
                <td className="px-4 py-2 font-mono font-medium">
                  <Link href={`/consumers/${g.id}`} className="text-indigo-700 hover:underline">
                    {g.groupId}
                  </Link>
                </td>
                <td className="px-4 py-2 text-xs whitespace-nowrap text-slate-600">
                  <BrokerBadge kind={BROKER_OF[g.kind] ?? "kafka"} /> {CONSUMER_NOUN[g.kind] ?? "group"}
                </td>
                <td className="px-4 py-2 text-slate-600">{g.clusterName}</td>
                <td className="px-4 py-2">
                  <StatusBadge status={g.state} />
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{g.memberCount}</td>
                <td className="px-4 py-2" data-testid="group-lag-status">
                  <StatusBadge status={g.lagStatus} kind="lag" />
                  {g.reason && g.lagStatus !== "OK" ? <span className="ml-1 text-xs text-slate-500">{g.reason}</span> : null}
                </td>
                <td className="px-4 py-2 text-right tabular-nums" data-testid="group-lag">
                  {fmtInt(g.totalLag)}
                </td>
                <td className="px-4 py-2">
                  <Sparkline values={g.trend} label={`${g.groupId} lag, last hour`} />
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{fmtSeconds(g.maxTimeLagSeconds)}</td>
                <td className="px-4 py-2 text-right tabular-nums text-slate-600">
                  {g.totalLag > 0 && g.secondsToDrain === null ? "not draining" : fmtSeconds(g.secondsToDrain)}
                </td>
                <td className="px-4 py-2 text-xs">
                  {g.topics.length ? (
                    <span className="flex flex-wrap gap-1">
                      {g.topics.map((t) => (
                        <Link
                          key={t}
                          href={`/topics?cluster=${g.clusterId}&q=${encodeURIComponent(t)}`}
                          className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700 hover:bg-indigo-50 hover:text-indigo-700"
                        >
                          {t}
                        </Link>
                      ))}
                    </span>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </td>
                <td className="px-4 py-2 text-xs text-slate-500">{fmtAgo(g.lastSeenAt)}</td>
              </tr>
            ))}
          </Table>
          <Pagination result={list.data} set={set} noun="consumer" />
        </>
      ) : null}
    </div>
  );
}

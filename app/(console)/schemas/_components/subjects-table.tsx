"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { fmtAgo } from "@/app/_components/format";
import { Pagination } from "@/app/_components/ui/pagination";
import { SearchBox } from "@/app/_components/ui/search-box";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { Table, Th } from "@/app/_components/ui/table";
import { useQueryState } from "@/app/_components/use-query-state";
import { useTRPC } from "@/app/_trpc/react";
import { TypeBadge } from "./type-badge";

const TYPES = ["AVRO", "JSON", "PROTOBUF"] as const;

export function SubjectsTable() {
  const trpc = useTRPC();
  const { params, set } = useQueryState();
  const type = TYPES.find((t) => t === params.get("type"));
  const page = Math.max(1, Number(params.get("page") ?? 1) || 1);
  const list = useQuery({
    ...trpc.schemas.list.queryOptions({ search: params.get("q") || undefined, type, page, pageSize: 50 }),
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <SearchBox label="Search subjects" placeholder="Search subjects…" params={params} set={set} />
        <select
          aria-label="Schema type"
          value={type ?? ""}
          onChange={(e) => set({ type: e.target.value || undefined, page: undefined })}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          <option value="">All types</option>
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        {list.data ? <span className="text-sm text-slate-500">Global level: {list.data.globalLevel}</span> : null}
      </div>
      <ErrorNote error={list.error} />
      {list.isPending ? (
        <LoadingRows label="Loading subjects" />
      ) : list.data && list.data.total === 0 ? (
        <EmptyState
          title={params.get("q") || type ? "No subjects match" : "No schemas registered yet"}
          action={
            <Link href="/schemas/new" className="text-sm font-medium text-indigo-700 hover:underline">
              Register the first schema →
            </Link>
          }
        >
          Serializers register schemas on their first message, or register one here.
        </EmptyState>
      ) : list.data ? (
        <>
          <Table
            dimmed={list.isPlaceholderData}
            head={["Subject", "Type", "Compatibility", "Latest", "Topic", "Owner", "Updated"].map((h) => (
              <Th key={h}>{h}</Th>
            ))}
          >
            {list.data.items.map((s) => (
              <tr key={s.subject} className="hover:bg-slate-50" data-testid="subject-row">
                <td className="px-4 py-2">
                  <Link href={`/schemas/${encodeURIComponent(s.subject)}`} className="font-medium text-indigo-700 hover:underline">
                    {s.subject}
                  </Link>
                </td>
                <td className="px-4 py-2">
                  <TypeBadge type={s.type} />
                </td>
                <td className="px-4 py-2 text-slate-600">
                  {s.level}
                  {s.levelIsOwn ? null : <span className="ml-1 text-xs text-slate-400">(global)</span>}
                </td>
                <td className="px-4 py-2 tabular-nums text-slate-600">
                  v{s.latestVersion} <span className="text-xs text-slate-400">id {s.id}</span>
                </td>
                <td className="px-4 py-2">
                  {s.topics.length ? (
                    s.topics.map((t) => (
                      <Link key={t.id} href={`/topics/${t.id}`} className="mr-2 text-indigo-700 hover:underline" title={t.clusterName}>
                        {t.name}
                      </Link>
                    ))
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </td>
                <td className="px-4 py-2 text-slate-600">
                  {s.topics.find((t) => t.ownerTeam)?.ownerTeam ?? <span className="text-slate-400">—</span>}
                </td>
                <td className="px-4 py-2 text-slate-500">{fmtAgo(s.updatedAt)}</td>
              </tr>
            ))}
          </Table>
          <Pagination result={list.data} set={set} noun="subject" />
        </>
      ) : null}
    </div>
  );
}

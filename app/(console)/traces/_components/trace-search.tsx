"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { fmtAgo, fmtMs } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { Table, Th } from "@/app/_components/ui/table";
import { useQueryState } from "@/app/_components/use-query-state";
import { useTRPC } from "@/app/_trpc/react";
import { ServiceChip } from "./service-chip";

const RANGES = [
  ["15m", 15 * 60_000, "Last 15 minutes"],
  ["1h", 3_600_000, "Last hour"],
  ["6h", 6 * 3_600_000, "Last 6 hours"],
  ["24h", 86_400_000, "Last 24 hours"],
  ["72h", 3 * 86_400_000, "Last 3 days"],
] as const;
const FIELDS = ["service", "topic", "group", "key", "status", "min"] as const;
const PAGE_SIZE = 50;

const inputClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500";

export function TraceSearch() {
  const trpc = useTRPC();
  const { params, set } = useQueryState();
  const range = RANGES.find((r) => r[0] === params.get("range")) ?? RANGES[1];
  const page = Math.max(1, Number(params.get("page") ?? 1) || 1);
  // The form edits a draft; the URL (and so the query) changes on submit, so typing does not search.
  const [draft, setDraft] = useState<Record<string, string>>({});
  useEffect(() => setDraft(Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ""]))), [params]);
  // "Now" is fixed per search (and on refresh), so paging does not slide the window.
  const [now, setNow] = useState(() => Date.now());
  const facets = useQuery(trpc.traces.facets.queryOptions());
  const search = useQuery({
    ...trpc.traces.search.queryOptions({
      from: now - range[1],
      to: now,
      service: params.get("service") || undefined,
      topic: params.get("topic") || undefined,
      group: params.get("group") || undefined,
      key: params.get("key") || undefined,
      status: params.get("status") === "error" ? "error" : "any",
      minDurationMs: Number(params.get("min")) || undefined,
      journeyStartsOnly: params.get("all") !== "1",
      page,
      pageSize: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setNow(Date.now());
    set({ ...draft, page: undefined });
  };
  const picker = (name: "service" | "topic" | "group", label: string, options: string[] | undefined) => (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <select className={inputClass} value={draft[name] ?? ""} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}>
        <option value="">any</option>
        {(options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div>
      <form
        role="search"
        aria-label="Search traces"
        onSubmit={submit}
        className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
      >
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Time range
          <select
            className={inputClass}
            value={range[0]}
            onChange={(e) => (setNow(Date.now()), set({ range: e.target.value, page: undefined }))}
          >
            {RANGES.map(([id, , label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {picker("service", "Service", facets.data?.services)}
        {picker("topic", "Topic", facets.data?.topics)}
        {picker("group", "Consumer group", facets.data?.groups)}
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Message key
          <input
            className={`${inputClass} w-40 font-mono`}
            value={draft.key ?? ""}
            onChange={(e) => setDraft({ ...draft, key: e.target.value })}
            placeholder="order-…"
          />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Status
          <select className={inputClass} value={draft.status ?? ""} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
            <option value="">any</option>
            <option value="error">errors only</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Min duration (ms)
          <input
            className={`${inputClass} w-28`}
            type="number"
            min={0}
            value={draft.min ?? ""}
            onChange={(e) => setDraft({ ...draft, min: e.target.value })}
          />
        </label>
        <label
          className="flex items-center gap-1.5 self-center text-xs text-slate-600"
          title="Traces whose spans link to another trace continue a journey that starts there"
        >
          <input
            type="checkbox"
            checked={params.get("all") === "1"}
            onChange={(e) => set({ all: e.target.checked ? "1" : undefined, page: undefined })}
          />
          include continuations
        </label>
        <Button type="submit" variant="primary">
          Search
        </Button>
      </form>
      <ErrorNote error={search.error} />
      {search.isPending ? (
        <LoadingRows label="Loading traces" />
      ) : search.data && search.data.traces.length === 0 ? (
        <EmptyState title="No traces match">
          Point any OpenTelemetry SDK at this server (
          <code className="font-mono">OTEL_EXPORTER_OTLP_ENDPOINT={typeof window === "undefined" ? "" : window.location.origin}</code>
          ), or widen the time range. <code className="font-mono">npm run demo</code> sends the demo shop&apos;s traces here.
        </EmptyState>
      ) : search.data ? (
        <>
          <Table
            dimmed={search.isPlaceholderData}
            head={
              <>
                <Th>Trace</Th>
                <Th>Services</Th>
                <Th right>Spans</Th>
                <Th right>Hops</Th>
                <Th right>Duration</Th>
                <Th>Started</Th>
              </>
            }
          >
            {search.data.traces.map((t) => (
              <tr key={t.traceId} data-testid="trace-row">
                <td className="px-4 py-2">
                  <Link href={`/traces/${t.traceId}`} className="font-medium text-indigo-700 hover:underline">
                    {t.rootName}
                  </Link>
                  <div className="font-mono text-xs text-slate-400">
                    {t.rootService} · {t.traceId.slice(0, 16)}…
                    {t.errors ? (
                      <span className="ml-2 rounded bg-rose-100 px-1 text-rose-700">
                        {t.errors} error{t.errors === 1 ? "" : "s"}
                      </span>
                    ) : null}
                  </div>
                </td>
                <td className="px-4 py-2">
                  <span className="flex flex-wrap gap-1">
                    {t.services.map((s) => (
                      <ServiceChip key={s} service={s} />
                    ))}
                  </span>
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{t.spans}</td>
                <td className="px-4 py-2 text-right tabular-nums" data-testid="trace-hops">
                  {t.hops}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{fmtMs(t.durationMs)}</td>
                <td className="px-4 py-2 text-xs text-slate-500" title={new Date(t.startMs).toISOString()}>
                  {fmtAgo(new Date(t.startMs), now)}
                </td>
              </tr>
            ))}
          </Table>
          <nav aria-label="Pagination" className="flex items-center justify-end gap-2 py-3 text-sm text-slate-600">
            <Button onClick={() => set({ page: page > 2 ? page - 1 : undefined })} disabled={page <= 1} aria-label="Previous page">
              ← Prev
            </Button>
            <span>Page {page}</span>
            <Button onClick={() => set({ page: page + 1 })} disabled={!search.data.hasMore} aria-label="Next page">
              Next →
            </Button>
          </nav>
        </>
      ) : null}
    </div>
  );
}

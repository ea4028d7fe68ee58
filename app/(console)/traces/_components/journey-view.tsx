"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, useMemo } from "react";
import { fmtMs } from "@/app/_components/format";
import { PageHeader } from "@/app/_components/ui/page-header";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { useQueryState } from "@/app/_components/use-query-state";
import { useTRPC } from "@/app/_trpc/react";
import { ServiceChip } from "./service-chip";
import { SpanDetail } from "./span-detail";
import { Waterfall } from "./waterfall/waterfall";

export function JourneyView({ traceId }: { traceId: string }) {
  const trpc = useTRPC();
  const { params, set } = useQueryState();
  const journey = useQuery({ ...trpc.traces.journey.queryOptions({ traceId }), retry: false });
  // The selected span lives in the URL, so a span can be linked to.
  const selected = params.get("span");
  const onSelect = useCallback((key: string | null) => set({ span: key }), [set]);
  // Esc closes the span detail wherever focus is (after following a link in the panel, the link
  // itself is gone and focus is on the page).
  useEffect(() => {
    if (!selected) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onSelect(null);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [selected, onSelect]);
  const keys = useMemo(() => new Set(journey.data?.rows.map((r) => r.key)), [journey.data]);
  const inJourney = useCallback((key: string) => keys.has(key), [keys]);
  const j = journey.data;
  const selectedRow = j && selected ? j.rows.find((r) => r.key === selected) : undefined;
  const root = j?.rows[0];

  return (
    <>
      <PageHeader
        title={root ? root.name : "Journey"}
        subtitle={
          <span className="font-mono text-xs">
            <Link href="/traces" className="text-indigo-700 hover:underline">
              Traces
            </Link>{" "}
            / {traceId}
          </span>
        }
      />
      <ErrorNote error={journey.error} />
      {journey.isPending ? <LoadingRows rows={10} label="Loading journey" /> : null}
      {journey.error?.data?.code === "NOT_FOUND" ? (
        <EmptyState title="No spans for this trace">Its spans have not arrived yet, or were removed by retention.</EmptyState>
      ) : null}
      {j ? (
        <>
          <dl className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="journey-facts">
            {[
              ["Duration", fmtMs(j.durationMs)],
              ["Spans", j.rows.length.toLocaleString("en")],
              ["Hops", String(j.hops)],
              ["Traces joined", String(j.traceIds.length)],
              ["Topics", j.topics.join(", ") || "—"],
            ].map(([label, value]) => (
              <div key={label} className="rounded-lg border border-slate-200 bg-white px-3 py-2 shadow-sm">
                <dt className="text-xs text-slate-500">{label}</dt>
                <dd className="truncate text-sm font-semibold tabular-nums" title={value}>
                  {value}
                </dd>
              </div>
            ))}
          </dl>
          <div className="mb-3 flex flex-wrap items-center gap-1.5">
            {j.services.map((s) => (
              <ServiceChip key={s} service={s} />
            ))}
            <span className="ml-auto flex items-center gap-3 text-xs text-slate-500">
              <span className="flex items-center gap-1">
                <span className="inline-block h-2.5 w-5 rounded-sm border border-amber-400 bg-[repeating-linear-gradient(45deg,#fde68a_0,#fde68a_3px,#fef3c7_3px,#fef3c7_6px)]" />
                waiting in the broker
              </span>
              <span className="flex items-center gap-1">
                <span className="inline-block h-2.5 w-5 rounded-sm bg-slate-400 ring-2 ring-slate-900/70" />
                critical path
              </span>
              <span>⤷ joined by a span link</span>
            </span>
          </div>
          {j.truncated ? (
            <p role="status" className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
              This journey is larger than one view holds; the first {j.rows.length.toLocaleString("en")} spans of {j.traceIds.length} traces
              are shown.
            </p>
          ) : null}
          <div className={`grid gap-4 ${selectedRow ? "xl:grid-cols-[minmax(0,1fr)_26rem]" : ""}`}>
            <Waterfall rows={j.rows} totalMs={j.durationMs} selected={selected} onSelect={onSelect} />
            {selectedRow ? (
              <SpanDetail
                traceId={selectedRow.traceId}
                spanId={selectedRow.spanId}
                inJourney={inJourney}
                onSelect={onSelect}
                onClose={() => onSelect(null)}
              />
            ) : null}
          </div>
        </>
      ) : null}
    </>
  );
}

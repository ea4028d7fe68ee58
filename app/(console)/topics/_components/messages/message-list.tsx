"use client";

// A search's progress and its messages: a row per message (position, time, key, a preview of the
// value with its schema), opened in place to the whole decoded value and headers, each with a deep
// link to the record and to the trace that produced it.
import Link from "next/link";
import { Fragment, useState } from "react";
import { fmtAgo, fmtInt } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import type { PresentedRecord, SearchProgress } from "@/server/domain/records";
import type { DecodedPayload } from "@/server/domain/schemas";
import type { SearchSummary } from "./use-record-search";

const STOPPED: Record<SearchSummary["stoppedBy"], string> = {
  limit: "The page is full",
  "scanned-budget": "Stopped at the budget of messages scanned",
  "time-budget": "Stopped at the time budget",
  end: "Read to the end of the range",
  cancelled: "Stopped",
};

export function payloadText(p: DecodedPayload, pretty = false): string {
  if (p.kind === "empty") return "(empty)";
  if (p.kind === "schema") return JSON.stringify(p.json, null, pretty ? 2 : undefined);
  if (p.kind === "text") return pretty ? prettyJsonText(p.text) : p.text;
  return p.hex;
}

/** JSON sent as plain text reads better indented; anything else stays as it is. */
function prettyJsonText(text: string): string {
  if (!/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function SchemaTag({ p }: { p: DecodedPayload }) {
  if (p.kind !== "schema" && p.kind !== "schema-bytes") return null;
  return (
    <span
      className="mr-1 rounded bg-indigo-50 px-1 text-[10px] font-medium text-indigo-700"
      title={p.kind === "schema-bytes" ? p.note : undefined}
    >
      {p.schemaType} #{p.schemaId}
    </span>
  );
}

export function SearchStatus({
  running,
  live,
  progress,
  summary,
  count,
}: {
  running: boolean;
  live: boolean;
  progress: SearchProgress | null;
  summary: SearchSummary | null;
  count: number;
}) {
  const figures = summary ?? progress;
  if (!figures && !running) return null;
  if (live)
    return (
      <div
        className="flex items-center gap-3 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-2 text-sm"
        role="status"
        data-testid="search-status"
      >
        <span className={`h-2 w-2 rounded-full ${running ? "animate-pulse bg-emerald-500" : "bg-slate-400"}`} aria-hidden />
        <span className="font-medium">
          {!running
            ? "Live tail stopped"
            : progress
              ? "Live: new messages appear on top"
              : "Starting the live tail at the end of each partition…"}
        </span>
        <span className="tabular-nums text-slate-600">
          {fmtInt(count)} shown · {fmtInt(progress?.scanned ?? 0)} new scanned
        </span>
      </div>
    );
  const share = figures && figures.total > 0 ? Math.min(1, figures.scanned / figures.total) : 0;
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-2 text-sm shadow-sm" role="status" data-testid="search-status">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <span className="font-medium">{running ? "Searching…" : summary ? STOPPED[summary.stoppedBy] : "Stopped"}</span>
        {figures ? (
          <span className="tabular-nums text-slate-600">
            scanned {fmtInt(figures.scanned)} of about {fmtInt(figures.total)} · matched {fmtInt(summary ? summary.matched : count)}
          </span>
        ) : null}
        {summary?.filterErrors ? (
          <span className="text-amber-700" title={summary.firstFilterError ?? ""}>
            {fmtInt(summary.filterErrors)} message(s) the filter could not evaluate (counted as not matching): {summary.firstFilterError}
          </span>
        ) : null}
      </div>
      <div className="mt-1.5 h-1.5 overflow-hidden rounded bg-slate-100" aria-hidden>
        <div className={`h-full ${running ? "bg-indigo-500" : "bg-slate-400"}`} style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
    </div>
  );
}

export function MessageList({
  topic,
  clusterId,
  messages,
  cursor,
  running,
  onContinue,
  onReproduce,
}: {
  topic: string;
  clusterId: string;
  messages: PresentedRecord[];
  cursor: string | null;
  running: boolean;
  onContinue: (cursor: string) => void;
  /** open the message in the produce form, to edit and send again */
  onReproduce?: (m: PresentedRecord) => void;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const id = (m: PresentedRecord) => `${m.partition}/${m.offset}`;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2 font-medium">Partition / offset</th>
            <th className="px-3 py-2 font-medium">Time</th>
            <th className="px-3 py-2 font-medium">Key</th>
            <th className="px-3 py-2 font-medium">Value</th>
            <th className="px-3 py-2 text-right font-medium">Size</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {messages.map((m) => (
            <Fragment key={id(m)}>
              <tr
                data-testid="message-row"
                className="cursor-pointer hover:bg-slate-50"
                aria-expanded={open === id(m)}
                tabIndex={0}
                onClick={() => setOpen(open === id(m) ? null : id(m))}
                onKeyDown={(e) => {
                  if (e.key === "Enter" || e.key === " ") {
                    e.preventDefault();
                    setOpen(open === id(m) ? null : id(m));
                  }
                }}
              >
                <td className="whitespace-nowrap px-3 py-1.5 font-mono text-xs">{id(m)}</td>
                <td className="whitespace-nowrap px-3 py-1.5 text-xs text-slate-500" title={m.timestamp}>
                  {fmtAgo(m.timestamp)}
                </td>
                <td className="max-w-[12rem] truncate px-3 py-1.5 font-mono text-xs">{payloadText(m.key)}</td>
                <td className="max-w-xl truncate px-3 py-1.5 font-mono text-xs">
                  <SchemaTag p={m.value} />
                  {payloadText(m.value)}
                </td>
                <td className="px-3 py-1.5 text-right text-xs tabular-nums text-slate-500">{fmtInt(m.size)} B</td>
              </tr>
              {open === id(m) ? (
                <tr data-testid="message-detail">
                  <td colSpan={5} className="bg-slate-50 px-3 py-3">
                    <div className="mb-2 flex flex-wrap gap-3 text-xs">
                      <Link
                        className="text-indigo-700 hover:underline"
                        href={`/topics/record?${new URLSearchParams({ cluster: clusterId, topic, partition: String(m.partition), offset: m.offset })}`}
                      >
                        Open the record
                      </Link>
                      {m.trace ? (
                        <Link className="text-indigo-700 hover:underline" href={`/traces/${m.trace.traceId}`}>
                          Producer&apos;s trace
                        </Link>
                      ) : (
                        <span className="text-slate-400">no traceparent header</span>
                      )}
                      {m.value.kind === "schema" && m.value.subject ? (
                        <Link className="text-indigo-700 hover:underline" href={`/schemas/${encodeURIComponent(m.value.subject)}`}>
                          Schema {m.value.subject}
                        </Link>
                      ) : null}
                      <span className="text-slate-500">{m.timestamp}</span>
                      {onReproduce ? (
                        <button type="button" className="text-indigo-700 hover:underline" onClick={() => onReproduce(m)}>
                          Re-produce…
                        </button>
                      ) : null}
                    </div>
                    <div className="grid gap-3 lg:grid-cols-[2fr_1fr]">
                      <pre className="max-h-96 overflow-auto whitespace-pre-wrap break-all rounded border border-slate-200 bg-white p-3 font-mono text-xs">
                        {payloadText(m.value, true)}
                      </pre>
                      <dl className="space-y-1 text-xs">
                        {m.headers.length ? (
                          m.headers.map((h, i) => (
                            <div key={`${h.name}-${i}`}>
                              <dt className="font-medium text-slate-600">{h.name}</dt>
                              <dd className="break-all font-mono text-slate-800">{h.value}</dd>
                            </div>
                          ))
                        ) : (
                          <dt className="text-slate-400">No headers</dt>
                        )}
                      </dl>
                    </div>
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
      {cursor && !running ? (
        <div className="border-t border-slate-200 px-3 py-2">
          <Button onClick={() => onContinue(cursor)}>Continue from here</Button>
        </div>
      ) : null}
    </div>
  );
}

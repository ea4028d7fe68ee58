"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { fmtMs } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { useTRPC } from "@/app/_trpc/react";
import type { AttrValue, SpanRef } from "@/server/domain/traces";
import { ServiceChip } from "./service-chip";

// OTLP SpanKind numbers, as people say them.
const SPAN_KIND_NAMES = ["unspecified", "internal", "server", "client", "producer", "consumer"];

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="border-t border-slate-200 px-4 py-3">
      <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {children}
    </section>
  );
}

function KeyValues({ values }: { values: Record<string, AttrValue> }) {
  const entries = Object.entries(values).sort(([a], [b]) => a.localeCompare(b));
  if (!entries.length) return <p className="text-xs text-slate-400">none</p>;
  return (
    <dl className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs">
      {entries.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="break-all font-mono text-slate-500" title={k}>
            {k}
          </dt>
          <dd className="break-all font-mono text-slate-800">{typeof v === "string" ? v : JSON.stringify(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A link target: selects the span when it is part of this journey, else opens its trace. */
function SpanLinkItem({
  span,
  inJourney,
  onSelect,
}: {
  span: SpanRef;
  inJourney: (key: string) => boolean;
  onSelect: (key: string) => void;
}) {
  const key = `${span.traceId}-${span.spanId}`;
  const label = (
    <>
      <span className="font-medium">{span.name ?? "span not received"}</span> <span className="text-slate-400">{span.service ?? ""}</span>
      <span className="block font-mono text-[10px] text-slate-400">
        trace {span.traceId.slice(0, 12)}… span {span.spanId}
      </span>
    </>
  );
  return (
    <li>
      {inJourney(key) ? (
        <button
          type="button"
          className="w-full rounded px-1 py-0.5 text-left text-xs text-indigo-700 hover:bg-indigo-50"
          onClick={() => onSelect(key)}
        >
          {label}
        </button>
      ) : (
        <Link href={`/traces/${span.traceId}`} className="block rounded px-1 py-0.5 text-xs text-indigo-700 hover:bg-indigo-50">
          {label}
        </Link>
      )}
    </li>
  );
}

export function SpanDetail({
  traceId,
  spanId,
  inJourney,
  onSelect,
  onClose,
}: {
  traceId: string;
  spanId: string;
  inJourney: (key: string) => boolean;
  onSelect: (key: string) => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const span = useQuery(trpc.traces.span.queryOptions({ traceId, spanId }));
  const s = span.data;
  return (
    <aside aria-label="Span detail" data-testid="span-detail" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex items-start justify-between gap-2 px-4 py-3">
        <div className="min-w-0">
          <h2 className="truncate text-sm font-semibold">{s?.name ?? "Span"}</h2>
          {s ? (
            <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
              <ServiceChip service={s.service} /> {SPAN_KIND_NAMES[s.kind] ?? s.kind} · {fmtMs(s.durationMs)}
              {s.statusCode === 2 ? (
                <span className="rounded bg-rose-100 px-1 text-rose-700">error{s.statusMessage ? `: ${s.statusMessage}` : ""}</span>
              ) : null}
            </p>
          ) : null}
        </div>
        <Button variant="ghost" onClick={onClose} aria-label="Close span detail">
          ✕
        </Button>
      </div>
      <ErrorNote error={span.error} />
      {span.isPending ? <LoadingRows rows={4} label="Loading span" /> : null}
      {s ? (
        <div className="max-h-[68vh] overflow-auto">
          {s.messaging ? (
            <Section title={`${s.messaging.system} · ${s.messaging.operation ?? "messaging"}`}>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
                <dt className="text-slate-500">Topic</dt>
                <dd className="font-mono">{s.messaging.destination ?? "—"}</dd>
                <dt className="text-slate-500">Partition · offset</dt>
                <dd className="font-mono">
                  {s.messaging.partition ?? "—"} · {s.messaging.offset ?? "—"}
                </dd>
                <dt className="text-slate-500">Key</dt>
                <dd className="break-all font-mono">{s.messaging.key ?? "—"}</dd>
                <dt className="text-slate-500">Consumer group</dt>
                <dd className="font-mono">{s.messaging.group ?? "—"}</dd>
              </dl>
              {s.messaging.destination ? (
                <p className="mt-2 flex flex-wrap gap-3 text-xs">
                  {s.messaging.partition !== null && s.messaging.offset !== null ? (
                    <Link
                      className="font-medium text-indigo-700 hover:underline"
                      href={`/topics/record?topic=${encodeURIComponent(s.messaging.destination)}&partition=${s.messaging.partition}&offset=${s.messaging.offset}`}
                    >
                      Open record
                    </Link>
                  ) : null}
                  <Link className="text-indigo-700 hover:underline" href={`/topics?q=${encodeURIComponent(s.messaging.destination)}`}>
                    Open topic
                  </Link>
                  <Link
                    className="text-indigo-700 hover:underline"
                    href={`/schemas/${encodeURIComponent(`${s.messaging.destination}-value`)}`}
                  >
                    Open value schema
                  </Link>
                  {s.messaging.group ? (
                    <Link className="text-indigo-700 hover:underline" href={`/consumers?q=${encodeURIComponent(s.messaging.group)}`}>
                      Open consumer group
                    </Link>
                  ) : null}
                </p>
              ) : null}
            </Section>
          ) : null}
          <Section title="Attributes">
            <KeyValues values={s.attributes} />
          </Section>
          {s.events.length ? (
            <Section title={`Events (${s.events.length})`}>
              <ul className="space-y-2">
                {s.events.map((e, i) => (
                  <li key={i} className="text-xs">
                    <span className="font-medium">{e.name}</span>{" "}
                    <span className="text-slate-400">+{fmtMs(Number(BigInt(e.timeNs) - BigInt(s.startNs)) / 1e6)}</span>
                    <KeyValues values={e.attributes} />
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
          <Section title={`Links to (${s.links.length})`}>
            {s.links.length ? (
              <ul className="space-y-1">
                {s.links.map((l) => (
                  <SpanLinkItem key={`${l.traceId}${l.spanId}`} span={l} inJourney={inJourney} onSelect={onSelect} />
                ))}
              </ul>
            ) : (
              <p className="text-xs text-slate-400">none</p>
            )}
          </Section>
          <Section title={`Linked from (${s.linkedFrom.length})`}>
            {s.linkedFrom.length ? (
              <ul className="space-y-1">
                {s.linkedFrom.map((l) => (
                  <SpanLinkItem key={`${l.traceId}${l.spanId}`} span={l} inJourney={inJourney} onSelect={onSelect} />
                ))}
              </ul>
            ) : (
              <p className="text-xs text-slate-400">no span links to this one</p>
            )}
          </Section>
          <Section title="Resource">
            <KeyValues values={s.resource} />
            {s.scope ? (
              <p className="mt-2 font-mono text-[10px] text-slate-400">
                scope {s.scope.name} {s.scope.version ?? ""}
              </p>
            ) : null}
          </Section>
        </div>
      ) : null}
    </aside>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { fmtAgo, fmtInt, fmtMs, fmtRate, fmtSeconds } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import { useTRPC } from "@/app/_trpc/react";
import type { RouterOutputs } from "@/server/api/root";
import { GroupMappingForm, DeclareForm, OwnerForm } from "./panel-forms";
import { ImpactList } from "@/app/_components/impact-list";
import { FindingsPanel } from "@/app/_components/findings-panel";

type Detail = RouterOutputs["lineage"]["node"];
type PanelEdge = Detail["edges"][number];

function links(n: Detail["node"]) {
  const out: { href: string; label: string }[] = [];
  if (n.kind === "topic" && n.ref) out.push({ href: `/topics/${n.ref}`, label: "Topic page" });
  if (n.kind === "topic" && n.dlq && n.ref) out.push({ href: `/dead-letters/${n.ref}`, label: "Dead letters" });
  if (n.kind === "group" && n.ref) out.push({ href: `/consumers/${n.ref}`, label: "Group page" });
  if (n.kind === "service") out.push({ href: `/traces?service=${encodeURIComponent(n.label)}`, label: "Traces" });
  if (n.kind === "topic") out.push({ href: `/traces?topic=${encodeURIComponent(n.label)}`, label: "Traces" });
  if (n.alerts) out.push({ href: "/alerts", label: `${n.alerts} firing alert${n.alerts > 1 ? "s" : ""}` });
  return out;
}

export function EdgeMarks({ e }: { e: { observed: boolean; declared: boolean; drift: string | null; mapping: string | null } }) {
  const marks: { text: string; cls: string; title: string }[] = [];
  if (e.observed) marks.push({ text: "observed", cls: "bg-slate-100 text-slate-700", title: "seen in traffic" });
  if (e.declared) marks.push({ text: "declared", cls: "bg-indigo-50 text-indigo-700", title: "stated by a team" });
  if (e.mapping === "client-id")
    marks.push({ text: "by client id", cls: "bg-slate-50 text-slate-500", title: "inferred from the members' client ids: confirm it" });
  if (e.drift === "not-seen")
    marks.push({ text: "drift: not seen", cls: "bg-violet-100 text-violet-800", title: "declared, but no traffic shows it" });
  if (e.drift === "undeclared")
    marks.push({
      text: "drift: undeclared",
      cls: "bg-violet-100 text-violet-800",
      title: "seen in traffic, but the service did not declare it",
    });
  return (
    <span className="flex flex-wrap gap-1">
      {marks.map((m) => (
        <span key={m.text} title={m.title} className={`rounded px-1.5 py-0.5 text-[11px] font-medium ${m.cls}`}>
          {m.text}
        </span>
      ))}
    </span>
  );
}

function EdgeRow({ e, self }: { e: PanelEdge; self: string }) {
  const other = e.from === self ? `→ ${e.toLabel}` : `← ${e.fromLabel}`;
  const verb = { produces: "produces", reads: "reads", "runs-as": "runs as", consumes: "consumes", routes: "routes to", flows: "flows to" }[
    e.kind
  ];
  return (
    <li className="rounded border border-slate-200 p-2 text-sm" data-testid="panel-edge">
      <p className="flex items-baseline justify-between gap-2">
        <span className="truncate font-medium">
          <span className="text-slate-500">{verb}</span> {other}
        </span>
        {e.ratePerSec !== null ? <span className="shrink-0 text-xs text-slate-500">{fmtRate(e.ratePerSec)}</span> : null}
      </p>
      <EdgeMarks e={e} />
      <p className="mt-1 text-xs text-slate-500">
        {e.observed ? `first seen ${fmtAgo(e.firstSeenAt)} · last ${fmtAgo(e.lastSeenAt)}` : "never seen in traffic"}
        {e.lag?.status ? ` · lag ${e.lag.status} ${e.lag.total !== null ? fmtInt(e.lag.total) : ""} (${fmtSeconds(e.lag.maxSeconds)})` : ""}
        {e.hop ? ` · hop p50 ${fmtMs(e.hop.p50Ms)} / p95 ${fmtMs(e.hop.p95Ms)} (${fmtInt(e.hop.samples)} spans)` : ""}
      </p>
    </li>
  );
}

export function NodePanel({ id, onClose, onFocus }: { id: string; onClose: () => void; onFocus: (id: string) => void }) {
  const trpc = useTRPC();
  const detail = useQuery({ ...trpc.lineage.node.queryOptions({ id }), refetchInterval: 15_000 });
  return (
    <aside
      aria-label="Node details"
      className="absolute inset-y-0 right-0 z-20 flex w-96 flex-col overflow-y-auto border-l border-slate-200 bg-white p-4 shadow-xl"
      onKeyDown={(e) => e.key === "Escape" && onClose()}
    >
      {detail.isPending ? (
        <LoadingRows rows={4} label="Loading node" />
      ) : detail.error ? (
        <ErrorNote error={detail.error} />
      ) : (
        <PanelBody d={detail.data} onClose={onClose} onFocus={onFocus} />
      )}
    </aside>
  );
}

function PanelBody({ d, onClose, onFocus }: { d: Detail; onClose: () => void; onFocus: (id: string) => void }) {
  const n = d.node;
  return (
    <div className="space-y-4">
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{n.dlq ? "dead-letter topic" : n.kind}</p>
          <h2 className="break-all text-lg font-semibold" data-testid="panel-title">
            {n.label}
          </h2>
          <p className="text-xs text-slate-500">
            {n.clusterName ?? (n.kind === "service" ? "any cluster" : "not in a connected cluster")}
            {n.team ? ` · owner ${n.team}` : ""}
          </p>
        </div>
        <Button variant="ghost" aria-label="Close details" onClick={onClose}>
          ✕
        </Button>
      </div>
      <div className="flex flex-wrap gap-2">
        {n.kind === "group" && n.lagStatus ? <StatusBadge status={n.lagStatus} kind="lag" /> : null}
        {n.kind === "group" && n.count !== null ? (
          <span className="text-sm">
            lag {fmtInt(n.count)} · {fmtSeconds(n.maxTimeLagSeconds)}
          </span>
        ) : null}
        {n.kind !== "group" && n.ratePerSec !== null ? <span className="text-sm">{fmtRate(n.ratePerSec)}</span> : null}
        {n.kind === "topic" && n.count !== null ? <span className="text-sm text-slate-500">{fmtInt(n.count)} retained</span> : null}
      </div>
      <nav className="flex flex-wrap gap-3 text-sm">
        <button type="button" className="text-indigo-700 underline" onClick={() => onFocus(n.id)}>
          Focus here
        </button>
        {links(n).map((l) => (
          <Link key={l.href + l.label} href={l.href} className="text-indigo-700 underline">
            {l.label}
          </Link>
        ))}
      </nav>
      {n.kind === "topic" ? (
        <section>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Schemas</h3>
          {d.subjects.length ? (
            <ul className="space-y-1 text-sm">
              {d.subjects.map((s) => (
                <li key={s.subject}>
                  <Link href={`/schemas/${encodeURIComponent(s.subject)}`} className="font-mono text-indigo-700 underline">
                    {s.subject}
                  </Link>{" "}
                  <span className="text-slate-500">
                    v{s.latestVersion} · {s.type}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">No subject named {n.label}-value or -key.</p>
          )}
        </section>
      ) : null}
      <section>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Edges</h3>
        <ul className="space-y-2">
          {d.edges.map((e) => (
            <EdgeRow key={e.id} e={e} self={n.id} />
          ))}
        </ul>
      </section>
      {n.kind === "service" ? <FindingsPanel targetType="service" targetKey={n.label} /> : null}
      {n.kind === "service" ? <OwnerForm name={n.label} service={d.service} /> : null}
      {n.kind === "service" ? <DeclareForm service={n.label} declarations={d.declarations} /> : null}
      {n.kind === "group" && n.clusterId ? (
        <GroupMappingForm clusterId={n.clusterId} groupId={n.label} current={d.edges.find((e) => e.kind === "runs-as")} />
      ) : null}
      {n.kind !== "group" ? (
        <ImpactList kind={n.kind === "service" ? "service" : "topic"} name={n.label} clusterId={n.clusterId ?? undefined} />
      ) : null}
    </div>
  );
}

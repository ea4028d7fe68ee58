"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { fmtAgo, fmtInt, fmtRate, fmtSeconds } from "@/app/_components/format";
import { Sparkline } from "@/app/_components/ui/sparkline";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import type { RouterOutputs } from "@/server/api/root";

type Overview = RouterOutputs["system"]["overview"];

function Panel({
  title,
  href,
  linkText,
  children,
  testId,
}: {
  title: string;
  href: string;
  linkText: string;
  children: ReactNode;
  testId: string;
}) {
  return (
    <section aria-label={title} data-testid={testId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="mb-2 flex items-baseline justify-between">
        <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">{title}</h2>
        <Link href={href} className="text-sm text-indigo-700 hover:underline">
          {linkText}
        </Link>
      </div>
      {children}
    </section>
  );
}

const Quiet = ({ children }: { children: ReactNode }) => <p className="py-2 text-sm text-slate-500">{children}</p>;
const rowClass = "flex items-center gap-2 py-1.5 text-sm";

/** What needs a look now: firing alerts, lagging groups, filling dead-letter queues, schema changes, span traffic. */
export function HealthPanels({ overview: o }: { overview: Overview }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Panel title="Firing alerts" href="/alerts" linkText="All alerts" testId="overview-alerts">
        {o.firing.length ? (
          <ul className="divide-y divide-slate-100">
            {o.firing.slice(0, 6).map((a) => (
              <li key={a.id} className={rowClass}>
                <span
                  className={`rounded px-1.5 text-xs font-semibold uppercase ${a.rule.severity === "critical" ? "bg-rose-600 text-white" : "bg-amber-100 text-amber-800"}`}
                >
                  {a.rule.severity}
                </span>
                <span className="font-medium">{a.rule.name}</span>
                <span className="truncate text-slate-600">{a.subject}</span>
                <span className="ml-auto shrink-0 text-xs text-slate-500">{fmtAgo(a.firingSince)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <Quiet>Nothing is firing{o.pending ? ` (${o.pending} pending)` : ""}.</Quiet>
        )}
      </Panel>
      <Panel title="Consumer groups in trouble" href="/consumers?sort=timeLag" linkText="All groups" testId="overview-groups">
        <p className="mb-1 flex gap-3 text-xs text-slate-500">
          {["OK", "WARN", "ERR"].map((s) => (
            <span key={s}>
              {fmtInt(o.groups.byStatus[s] ?? 0)} {s}
            </span>
          ))}
        </p>
        {o.groups.worst.length ? (
          <ul className="divide-y divide-slate-100">
            {o.groups.worst.map((g) => (
              <li key={g.id} className={rowClass}>
                <StatusBadge status={g.status} kind="lag" />
                <Link href={`/consumers/${g.id}`} className="truncate font-medium text-indigo-700 hover:underline">
                  {g.groupId}
                </Link>
                <span className="text-xs text-slate-500">{g.cluster}</span>
                <span className="ml-auto shrink-0 tabular-nums text-slate-600">
                  {g.totalLag !== null ? fmtInt(g.totalLag) : "—"} · {fmtSeconds(g.maxTimeLagSeconds)}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <Quiet>Every group with a lag status is OK.</Quiet>
        )}
      </Panel>
      <Panel title="Dead-letter queues" href="/dead-letters" linkText="All DLQs" testId="overview-dlqs">
        {o.deadLetters.length ? (
          <ul className="divide-y divide-slate-100">
            {o.deadLetters.map((d) => (
              <li key={d.id} className={rowClass}>
                <Link href={`/dead-letters/${d.id}`} className="truncate font-medium text-indigo-700 hover:underline">
                  {d.name}
                </Link>
                <span className="text-xs text-slate-500">{d.cluster}</span>
                <span className="ml-auto shrink-0 tabular-nums text-slate-600">
                  {fmtInt(d.depth)} held
                  {(d.inflowPerMin ?? 0) > 0 ? (
                    <span className="ml-2 font-medium text-rose-700">+{fmtRate((d.inflowPerMin ?? 0) / 60)}</span>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <Quiet>No dead-letter queue holds anything.</Quiet>
        )}
      </Panel>
      <Panel title="Recent schema changes" href="/schemas" linkText="All subjects" testId="overview-schemas">
        {o.schemaChanges.length ? (
          <ul className="divide-y divide-slate-100">
            {o.schemaChanges.map((c) => (
              <li key={c.id} className={rowClass}>
                <span className="w-32 shrink-0 text-xs font-medium uppercase text-slate-500">
                  {c.action.replace(/^schema\./, "").replace(/[._]/g, " ")}
                </span>
                {c.subject ? (
                  <Link href={`/schemas/${encodeURIComponent(c.subject)}`} className="truncate font-mono text-indigo-700 hover:underline">
                    {c.subject}
                    {c.version ? ` v${c.version}` : ""}
                  </Link>
                ) : (
                  <span className="text-slate-600">global</span>
                )}
                <span className="ml-auto shrink-0 text-xs text-slate-500">{fmtAgo(c.at)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <Quiet>No schema registered or changed yet.</Quiet>
        )}
      </Panel>
      <Panel title="Span ingest" href="/traces" linkText="Traces" testId="overview-spans">
        <div className="flex items-center gap-4">
          <Sparkline values={o.spans.perMinute} width={320} height={40} label="Spans per minute, last hour" neutral />
          <p className="text-sm text-slate-600">
            <span className="text-lg font-semibold tabular-nums">{fmtInt(o.spans.perMinute.reduce((s, n) => s + n, 0))}</span> spans in the
            last hour
          </p>
        </div>
      </Panel>
    </div>
  );
}

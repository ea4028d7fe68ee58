"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { fmtAgo, fmtInt } from "@/app/_components/format";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import { useTRPC } from "@/app/_trpc/react";
import { HealthPanels } from "./health-panels";

export function Overview() {
  const trpc = useTRPC();
  const overview = useQuery({ ...trpc.system.overview.queryOptions(), refetchInterval: 5_000 });
  if (overview.isPending) return <LoadingRows rows={3} label="Loading clusters" />;
  if (overview.error) return <ErrorNote error={overview.error} />;
  const o = overview.data;
  const clusters = { data: o.clusters };
  if (clusters.data.length === 0) {
    return (
      <EmptyState
        title="No Kafka cluster connected yet"
        action={
          <Link href="/settings" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500">
            Connect a cluster
          </Link>
        }
      >
        Add one under Settings, or start Eventplane with KAFKA_BROKERS=host:9092.
      </EmptyState>
    );
  }
  const totals = clusters.data.reduce(
    (t, c) => ({ topics: t.topics + c.topicCount, groups: t.groups + c.groupCount, down: t.down + (c.status === "UNREACHABLE" ? 1 : 0) }),
    { topics: 0, groups: 0, down: 0 },
  );
  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-6">
        <Stat label="Clusters" value={fmtInt(clusters.data.length)} />
        <Stat label="Unreachable" value={fmtInt(totals.down)} tone={totals.down ? "bad" : "good"} />
        <Stat label="Topics" value={fmtInt(totals.topics)} href="/topics" />
        <Stat label="Consumer groups" value={fmtInt(totals.groups)} href="/consumers" />
        <Stat label="Firing alerts" value={fmtInt(o.firing.length)} href="/alerts" tone={o.firing.length ? "bad" : "good"} />
        <Stat
          label="Spans / s"
          value={o.spans.perSecond < 10 ? o.spans.perSecond.toFixed(1) : fmtInt(Math.round(o.spans.perSecond))}
          href="/traces"
        />
      </dl>
      <section aria-labelledby="clusters-heading">
        <h2 id="clusters-heading" className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">
          Clusters
        </h2>
        <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {clusters.data.map((c) => (
            <li key={c.id} data-testid="cluster-card" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="truncate font-semibold">{c.name}</p>
                  <p className="truncate font-mono text-xs text-slate-500">{c.bootstrapServers.join(", ")}</p>
                </div>
                <StatusBadge status={c.status} />
              </div>
              {c.status === "UNREACHABLE" ? (
                <p className="mt-3 rounded bg-rose-50 px-2 py-1 text-xs text-rose-700">
                  Since {fmtAgo(c.unreachableSince)}: {c.lastError}
                </p>
              ) : c.lastError ? (
                <p className="mt-3 rounded bg-amber-50 px-2 py-1 text-xs text-amber-800">Partly read: {c.lastError}</p>
              ) : null}
              <dl className="mt-4 grid grid-cols-3 gap-2 text-sm">
                <MiniStat label="Brokers" value={c.brokerCount} />
                <MiniStat label="Topics" value={c.topicCount} href={`/topics?cluster=${c.id}`} />
                <MiniStat label="Groups" value={c.groupCount} href={`/consumers?cluster=${c.id}`} />
              </dl>
              <p className="mt-3 text-xs text-slate-500">
                Last sync {fmtAgo(c.lastSyncAt)}
                {c.lastSyncMs !== null ? ` · took ${fmtInt(c.lastSyncMs)} ms` : ""}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <HealthPanels overview={o} />
    </div>
  );
}

function Stat({ label, value, href, tone }: { label: string; value: string; href?: string; tone?: "good" | "bad" }) {
  const body = (
    <>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold ${tone === "bad" ? "text-rose-600" : ""}`}>{value}</dd>
    </>
  );
  const cls = "block rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm";
  return href ? (
    <Link href={href} className={`${cls} hover:border-indigo-300`}>
      {body}
    </Link>
  ) : (
    <div className={cls}>{body}</div>
  );
}

function MiniStat({ label, value, href }: { label: string; value: number; href?: string }) {
  const v = <span className="text-lg font-semibold">{fmtInt(value)}</span>;
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd>
        {href ? (
          <Link href={href} className="hover:text-indigo-600">
            {v}
          </Link>
        ) : (
          v
        )}
      </dd>
    </div>
  );
}

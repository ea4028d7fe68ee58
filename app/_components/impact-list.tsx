"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import { useTRPC } from "@/app/_trpc/react";

const KIND_LABEL = { service: "service", topic: "topic", group: "group", team: "team", cluster: "cluster" } as const;

function href(r: { kind: keyof typeof KIND_LABEL; ref: string | null; id: string }) {
  if (r.kind === "topic" && r.ref) return `/topics/${r.ref}`;
  if (r.kind === "group" && r.ref) return `/consumers/${r.ref}`;
  return `/lineage?node=${encodeURIComponent(r.id)}&focus=${encodeURIComponent(r.id)}`;
}

/** Everything downstream of a subject, topic or service, nearest first, with owners. */
export function ImpactList({
  kind,
  name,
  clusterId,
  title = "Downstream impact",
  maxDepth,
}: {
  kind: "subject" | "topic" | "service";
  name: string;
  clusterId?: string;
  title?: string;
  maxDepth?: number;
}) {
  const trpc = useTRPC();
  const impact = useQuery(trpc.lineage.impact.queryOptions({ kind, name, clusterId, maxDepth }));
  return (
    <section aria-label={title} data-testid="impact">
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {impact.isPending ? (
        <LoadingRows rows={2} label="Walking the graph" />
      ) : impact.error ? (
        <ErrorNote error={impact.error} />
      ) : !impact.data.affected.length ? (
        <p className="text-sm text-slate-500">
          {impact.data.start.length
            ? "Nothing downstream: no group, service or topic is fed by it."
            : "Not in the lineage graph: no traffic or declaration names it yet."}
        </p>
      ) : (
        <ol className="space-y-1 text-sm">
          {impact.data.affected.map((r) => (
            <li key={r.id} className="flex items-center gap-2" style={{ paddingLeft: `${(r.depth - 1) * 12}px` }} title={r.via}>
              <span className="w-12 shrink-0 text-[11px] uppercase text-slate-400">{KIND_LABEL[r.kind]}</span>
              <Link href={href(r)} className="truncate font-medium text-indigo-700 underline">
                {r.label}
              </Link>
              {r.lagStatus ? <StatusBadge status={r.lagStatus} kind="lag" /> : null}
              <span className="ml-auto shrink-0 text-xs text-slate-500">{r.owner ? `owner ${r.owner}` : "no owner"}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { fmtInt } from "@/app/_components/format";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import { useTRPC } from "@/app/_trpc/react";

export function ConsumersTab({ clusterId, topic }: { clusterId: string; topic: string }) {
  const trpc = useTRPC();
  const groups = useQuery({ ...trpc.topics.consumers.queryOptions({ clusterId, topic }), refetchInterval: 10_000 });
  if (groups.isPending) return <LoadingRows rows={2} label="Loading consumer groups" />;
  if (groups.error) return <ErrorNote error={groups.error} />;
  if (groups.data.length === 0)
    return (
      <EmptyState title="No consumer group reads this topic">
        No group has committed an offset on it or is assigned one of its partitions.
      </EmptyState>
    );
  return (
    <ul className="space-y-3">
      {groups.data.map((g) => (
        <li key={g.id} data-testid="topic-consumer-group" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="flex items-center justify-between">
            <p className="font-mono font-medium">{g.groupId}</p>
            <StatusBadge status={g.state} />
          </div>
          <p className="mt-1 text-xs text-slate-500">
            {g.memberCount} member{g.memberCount === 1 ? "" : "s"} · committed on {g.committed.length} partition
            {g.committed.length === 1 ? "" : "s"}
          </p>
          {g.consumers.length ? (
            <ul className="mt-2 space-y-1 text-xs text-slate-600">
              {g.consumers.map((c, i) => (
                <li key={i} className="font-mono">
                  {c.clientId} @ {c.host} → partitions {c.partitions.join(", ")}
                </li>
              ))}
            </ul>
          ) : null}
          <div className="mt-2 flex flex-wrap gap-2 text-xs">
            {g.committed.map((o) => (
              <span key={o.partition} className="rounded bg-slate-100 px-2 py-0.5 font-mono">
                p{o.partition}: {fmtInt(o.committed)}
              </span>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}

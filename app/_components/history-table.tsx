"use client";

import { useQuery } from "@tanstack/react-query";
import { fmtAgo } from "@/app/_components/format";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { Table, Th } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/react";

/** One resource's history from the audit log: who changed what, when, and from where. */
export function HistoryTable({ targetType, targetId }: { targetType: string; targetId: string }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.audit.history.queryOptions({ targetType, targetId }));
  if (history.isPending) return <LoadingRows rows={3} label="Loading history" />;
  if (history.error) return <ErrorNote error={history.error} />;
  if (!history.data.items.length) return <EmptyState title="No recorded changes">Changes made in Eventplane appear here.</EmptyState>;
  return (
    <Table head={["When", "Who", "What", "Change"].map((h) => <Th key={h}>{h}</Th>)}>
      {history.data.items.map((e) => (
        <tr key={e.id}>
          <td className="whitespace-nowrap px-4 py-2 text-slate-500" title={new Date(e.at).toISOString()}>
            {fmtAgo(e.at)}
          </td>
          <td className="px-4 py-2">{e.actorName}</td>
          <td className="px-4 py-2 font-medium">{e.action}</td>
          <td className="max-w-md truncate px-4 py-2 font-mono text-xs text-slate-500" title={JSON.stringify(e.after)}>
            {e.after === null || e.after === undefined ? "—" : JSON.stringify(e.after)}
          </td>
        </tr>
      ))}
    </Table>
  );
}

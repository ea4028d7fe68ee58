"use client";

// The cluster's client quotas (read only): how fast each user, client id or address may produce,
// fetch and change things. Kafka applies the most specific entry that matches a connection.
import { useQuery } from "@tanstack/react-query";
import { fmtBytes, fmtInt } from "@/app/_components/format";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { Table, Th } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/react";

const QUOTA_LABELS: Record<string, [label: string, format: (v: number) => string]> = {
  producer_byte_rate: ["produce", (v) => `${fmtBytes(v)}/s`],
  consumer_byte_rate: ["fetch", (v) => `${fmtBytes(v)}/s`],
  request_percentage: ["request time", (v) => `${fmtInt(v)} % of a thread`],
  controller_mutation_rate: ["topic changes", (v) => `${fmtInt(v)} partitions/s`],
  connection_creation_rate: ["new connections", (v) => `${fmtInt(v)}/s`],
};

function quotaText(key: string, value: number): string {
  const known = QUOTA_LABELS[key];
  return known ? `${known[0]} ${known[1](value)}` : `${key} ${value}`;
}

export function ClientQuotas({ clusterId, principal }: { clusterId: string; principal?: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.topics.clientQuotas.queryOptions({ clusterId, principal }));
  if (q.isPending) return <LoadingRows rows={2} label="Reading client quotas" />;
  if (q.error) return <ErrorNote error={q.error} />;
  if (!q.data.supported) return <p className="text-sm text-slate-500">Client quotas cannot be read here: {q.data.reason}.</p>;
  if (!q.data.entries.length)
    return (
      <EmptyState title={principal ? `No quota applies to ${principal}` : "No client quotas"}>
        Clients are limited only by the brokers&apos; own capacity.
      </EmptyState>
    );
  return (
    <Table
      head={
        <>
          <Th>Applies to</Th>
          <Th>Limits</Th>
        </>
      }
    >
      {q.data.entries.map((e) => {
        const label = e.entity.map((x) => `${x.type} ${x.name ?? "(default)"}`).join(", ");
        return (
          <tr key={label} data-testid="quota-row">
            <td className="px-4 py-1.5 font-mono text-xs">{label}</td>
            <td className="px-4 py-1.5 text-xs">
              {Object.entries(e.values)
                .map(([k, v]) => quotaText(k, v))
                .join(" · ")}
            </td>
          </tr>
        );
      })}
    </Table>
  );
}

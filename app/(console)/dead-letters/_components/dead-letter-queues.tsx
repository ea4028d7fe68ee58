"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { fmtInt } from "@/app/_components/format";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { Table, Th } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/react";

export function DeadLetterQueues() {
  const trpc = useTRPC();
  const list = useQuery({ ...trpc.deadLetters.list.queryOptions(), refetchInterval: 10_000 });
  if (list.isPending) return <LoadingRows label="Loading dead-letter queues" />;
  return (
    <div>
      <ErrorNote error={list.error} />
      {!list.data?.length ? (
        <EmptyState title="No dead-letter queue">
          A topic counts as one when its name matches DLQ_NAME_PATTERNS (orders.DLQ, payments-dlt, dlq-…) or once a record read from it
          carries Kafka Connect, Spring Kafka or Kafka Streams dead-letter headers.
        </EmptyState>
      ) : (
        <Table
          head={
            <>
              <Th>Queue</Th>
              <Th>Cluster</Th>
              <Th right>Depth</Th>
              <Th right>Inflow</Th>
              <Th>Owner</Th>
            </>
          }
        >
          {list.data.map((q) => (
            <tr key={q.id} data-testid="dlq-row">
              <td className="px-4 py-2 font-mono font-medium">
                <Link href={`/dead-letters/${q.id}`} className="text-indigo-700 hover:underline">
                  {q.name}
                </Link>
              </td>
              <td className="px-4 py-2 text-slate-600">{q.cluster}</td>
              <td className="px-4 py-2 text-right tabular-nums">{fmtInt(q.depth)}</td>
              <td className="px-4 py-2 text-right tabular-nums">{q.inflowPerMin === null ? "—" : `${q.inflowPerMin.toFixed(1)}/min`}</td>
              <td className="px-4 py-2 text-slate-600">{q.ownerTeam ?? "—"}</td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}

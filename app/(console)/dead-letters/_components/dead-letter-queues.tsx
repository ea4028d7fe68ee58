"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { BrokerBadge, DESTINATION_NOUN } from "@/app/_components/broker-badge";
import { fmtAgo, fmtInt } from "@/app/_components/format";
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
          A Kafka topic counts as one when its name matches DLQ_NAME_PATTERNS (orders.DLQ, payments-dlt, dlq-…) or once a record read from
          it carries Kafka Connect, Spring Kafka or Kafka Streams dead-letter headers; a RabbitMQ queue when a queue&apos;s dead-letter
          exchange routes to it; a JetStream stream by its name.
        </EmptyState>
      ) : (
        <Table
          head={
            <>
              <Th>Queue</Th>
              <Th>Broker</Th>
              <Th>Connection</Th>
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
              <td className="px-4 py-2 text-xs whitespace-nowrap text-slate-600">
                <BrokerBadge kind={q.broker} /> {DESTINATION_NOUN[q.kind]}
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

/** JetStream keeps what it gives up on in the stream: each dead letter links to its message by sequence. */
export function JetStreamDeadLetters() {
  const trpc = useTRPC();
  const list = useQuery({ ...trpc.deadLetters.jetstream.queryOptions(), refetchInterval: 10_000 });
  if (list.isPending) return <LoadingRows label="Loading JetStream dead letters" />;
  return (
    <section aria-labelledby="js-dead-h" className="mt-8">
      <h2 id="js-dead-h" className="mb-1 text-lg font-semibold">
        JetStream dead letters
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        Messages a consumer gave up on after its max deliveries, or that a client terminated, from the server&apos;s advisories. The message
        stays in its stream: open it by its sequence.
      </p>
      <ErrorNote error={list.error} />
      {!list.data?.length ? (
        <EmptyState title="None recorded">No NATS connection has reported a max-deliveries or terminated message.</EmptyState>
      ) : (
        <Table
          head={
            <>
              <Th>When</Th>
              <Th>Stream / consumer</Th>
              <Th>Connection</Th>
              <Th>Why</Th>
              <Th right>Deliveries</Th>
              <Th>Message</Th>
            </>
          }
        >
          {list.data.map((e) => (
            <tr key={e.id} data-testid="jetstream-dead-letter">
              <td className="px-4 py-2 text-xs text-slate-500">{fmtAgo(e.at)}</td>
              <td className="px-4 py-2 font-mono text-xs">
                {e.stream} / {e.consumer}
              </td>
              <td className="px-4 py-2 text-slate-600">{e.connection}</td>
              <td className="px-4 py-2 text-xs">
                {e.reason === "terminated" ? `terminated${e.detail ? `: ${e.detail}` : ""}` : "max deliveries reached"}
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{e.deliveries}</td>
              <td className="px-4 py-2 text-xs">
                <Link
                  className="text-indigo-700 hover:underline"
                  href={`/topics/record?${new URLSearchParams({ cluster: e.clusterId, topic: e.stream, partition: "0", offset: String(e.streamSeq) })}`}
                >
                  sequence {fmtInt(e.streamSeq)}
                </Link>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

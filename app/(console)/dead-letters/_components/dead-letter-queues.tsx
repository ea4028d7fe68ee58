"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { BrokerBadge, DESTINATION_NOUN } from "@/app/_components/broker-badge";
import { fmtAgo, fmtInt } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { Table, Th } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/react";
import { RedrivePlanPanel, type RedrivePlan } from "./redrive-plan";

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

/** JetStream keeps what it gives up on in the stream: each dead letter links to its message by
 *  sequence, and a redrive republishes it from there. */
export function JetStreamDeadLetters() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery({ ...trpc.deadLetters.jetstream.queryOptions(), refetchInterval: 10_000 });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [plan, setPlan] = useState<RedrivePlan | null>(null);
  const redrive = useMutation(
    trpc.deadLetters.redriveJetStream.mutationOptions({
      onSuccess: async (result) => {
        setPlan(result);
        if (!result.dryRun) {
          setSelected(new Set());
          await queryClient.invalidateQueries({ queryKey: trpc.deadLetters.jetstream.queryKey() });
        }
      },
    }),
  );
  if (list.isPending) return <LoadingRows label="Loading JetStream dead letters" />;
  const eventIds = [...selected];
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  return (
    <section aria-labelledby="js-dead-h" className="mt-8">
      <div className="mb-1 flex flex-wrap items-center gap-2">
        <h2 id="js-dead-h" className="mr-auto text-lg font-semibold">
          JetStream dead letters
        </h2>
        {list.data?.length ? (
          <Button
            variant="primary"
            disabled={!selected.size || redrive.isPending}
            onClick={() => redrive.mutate({ eventIds, dryRun: true })}
          >
            Redrive {selected.size || ""} selected…
          </Button>
        ) : null}
      </div>
      <p className="mb-3 text-sm text-slate-600">
        Messages a consumer gave up on after its max deliveries, or that a client terminated, from the server&apos;s advisories. The message
        stays in its stream: open it by its sequence, or redrive it (republished to its subject from the stream).
      </p>
      <ErrorNote error={list.error ?? redrive.error} />
      {plan ? (
        <RedrivePlanPanel
          plan={plan}
          pending={redrive.isPending}
          name={(p) => `sequence ${p.offset}`}
          explanation="Each message is republished from its stream to the subject it was first published on, with x-redrive-id, -by and -at headers and a Nats-Msg-Id the stream de-duplicates on."
          onSend={() => redrive.mutate({ eventIds, dryRun: false })}
          onClose={() => setPlan(null)}
        />
      ) : null}
      {!list.data?.length ? (
        <EmptyState title="None recorded">No NATS connection has reported a max-deliveries or terminated message.</EmptyState>
      ) : (
        <Table
          head={
            <>
              <Th />
              <Th>When</Th>
              <Th>Stream / consumer</Th>
              <Th>Connection</Th>
              <Th>Why</Th>
              <Th right>Deliveries</Th>
              <Th>Message</Th>
              <Th>Redrive</Th>
            </>
          }
        >
          {list.data.map((e) => (
            <tr key={e.id} data-testid="jetstream-dead-letter">
              <td className="px-4 py-2">
                <input
                  type="checkbox"
                  aria-label={`Select ${e.stream} sequence ${e.streamSeq}`}
                  disabled={!!e.redrive}
                  checked={selected.has(e.id)}
                  onChange={(ev) => toggle(e.id, ev.target.checked)}
                />
              </td>
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
              <td className="px-4 py-2 text-xs text-slate-600">
                {e.redrive ? `${e.redrive.status} → ${e.redrive.subject} ${fmtAgo(e.redrive.at)} by ${e.redrive.actor}` : ""}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

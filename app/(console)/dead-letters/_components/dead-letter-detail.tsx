"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { fmtAgo, fmtInt } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { PageHeader } from "@/app/_components/ui/page-header";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { Table, Th } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/react";
import { RedrivePlanPanel, type RedrivePlan } from "./redrive-plan";

type Letter = { partition: number; offset: string; id?: string | null };
// Kafka records are named by position; RabbitMQ letters by identity (a queue's positions move).
const key = (r: Letter) => r.id ?? `${r.partition}/${r.offset}`;
const label = (r: Letter, broker: string | undefined) =>
  broker === "rabbitmq" ? `#${Number(r.offset) + 1}` : `${r.partition}/${r.offset}`;
const short = (fqcn: string) => fqcn.split(".").at(-1) ?? fqcn;

export function DeadLetterDetail({ topicId }: { topicId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dlq = useQuery({ ...trpc.deadLetters.get.queryOptions({ topicId }), retry: false });
  const [exception, setException] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [plan, setPlan] = useState<RedrivePlan | null>(null);
  const redrive = useMutation(
    trpc.deadLetters.redrive.mutationOptions({
      onSuccess: async (result) => {
        setPlan(result);
        if (!result.dryRun) {
          setSelected(new Set());
          await queryClient.invalidateQueries({ queryKey: trpc.deadLetters.get.queryKey({ topicId }) });
        }
      },
    }),
  );
  const d = dlq.data;
  const rows = useMemo(
    () => (d?.records ?? []).filter((r) => !exception || (r.exceptionClass ?? "(no exception header)") === exception),
    [d, exception],
  );
  const canRedrive = dlq.data?.topic.canRedrive ?? false;
  const selectable = canRedrive ? rows.filter((r) => !r.redrive && r.originalTopic) : [];
  const records = (d?.records ?? [])
    .filter((r) => selected.has(key(r)))
    .map((r) => ({ partition: r.partition, offset: r.offset, ...(r.id ? { id: r.id } : {}) }));
  const broker = d?.topic.broker;

  return (
    <>
      <PageHeader
        title={<span className="font-mono">{d?.topic.name ?? "Dead letters"}</span>}
        subtitle={
          <Link href="/dead-letters" className="text-indigo-700 hover:underline">
            Dead-letter queues
          </Link>
        }
      />
      <ErrorNote error={dlq.error} />
      {dlq.isPending ? <LoadingRows rows={8} label="Reading the newest dead letters" /> : null}
      {d ? (
        <div className="space-y-6">
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {[
              ["Depth", fmtInt(d.topic.depth)],
              ["Inflow (last 10 min)", `${d.topic.inflowAtLeast ? "≥ " : ""}${d.topic.inflowPerMin.toFixed(1)}/min`],
              ["Exception classes", String(d.classes.length)],
              ["Read", `${fmtInt(d.records.length)} newest (≤ ${d.readLimitPerPartition}/partition)`],
            ].map(([label, value]) => (
              <div key={label} className="rounded-lg border border-slate-200 bg-white px-3 py-2 shadow-sm">
                <dt className="text-xs text-slate-500">{label}</dt>
                <dd className="text-sm font-semibold tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
          <section>
            <h2 className="mb-2 text-sm font-semibold text-slate-700">By exception class</h2>
            {!d.classes.length ? (
              <EmptyState title="The queue is empty">No dead letters among the newest records.</EmptyState>
            ) : (
              <div className="grid gap-2 md:grid-cols-2 xl:grid-cols-3">
                {d.classes.map((c) => (
                  <button
                    key={c.exceptionClass}
                    type="button"
                    data-testid="exception-class"
                    aria-pressed={exception === c.exceptionClass}
                    onClick={() => setException(exception === c.exceptionClass ? null : c.exceptionClass)}
                    className={`rounded-lg border bg-white p-3 text-left shadow-sm hover:border-indigo-300 ${exception === c.exceptionClass ? "border-indigo-500 ring-1 ring-indigo-500" : "border-slate-200"}`}
                  >
                    <div className="flex items-baseline justify-between gap-2">
                      <span className="truncate font-mono text-sm font-medium" title={c.exceptionClass}>
                        {short(c.exceptionClass)}
                      </span>
                      <span className="text-lg font-semibold tabular-nums">{c.count}</span>
                    </div>
                    <div className="truncate text-xs text-slate-500" title={c.exceptionClass}>
                      {c.exceptionClass}
                    </div>
                    <div className="mt-1 truncate text-xs text-slate-600">{c.example ?? ""}</div>
                    <div className="mt-1 text-[11px] text-slate-400">from {c.originalTopics.join(", ") || "unknown topic"}</div>
                  </button>
                ))}
              </div>
            )}
          </section>
          {/* Outside the records: a redrive that empties a RabbitMQ queue still shows what it sent. */}
          <ErrorNote error={redrive.error} />
          {plan ? (
            <RedrivePlanPanel
              plan={plan}
              pending={redrive.isPending}
              name={(p) => label(p, broker)}
              explanation={`${
                broker === "rabbitmq"
                  ? "Each letter goes to the queue it died in (through the default exchange, so no other queue bound to its first exchange gets it again) and leaves this queue once that queue confirmed it. "
                  : ""
              }Failure headers are removed; x-redrive-id, -by and -at are added. At most 50 messages per second.`}
              onSend={() => redrive.mutate({ topicId, records, dryRun: false })}
              onClose={() => setPlan(null)}
            />
          ) : null}
          {rows.length ? (
            <section>
              <div className="mb-2 flex flex-wrap items-center gap-2">
                <h2 className="mr-auto text-sm font-semibold text-slate-700">
                  Records {exception ? <span className="font-normal text-slate-500">· {short(exception)}</span> : null}
                </h2>
                {canRedrive ? (
                  <>
                    <Button onClick={() => setSelected(new Set(selectable.map(key)))} disabled={!selectable.length}>
                      Select all {selectable.length}
                    </Button>
                    <Button
                      variant="primary"
                      disabled={!selected.size || redrive.isPending}
                      onClick={() => redrive.mutate({ topicId, records, dryRun: true })}
                    >
                      Redrive {selected.size || ""} selected…
                    </Button>
                  </>
                ) : (
                  <p className="text-xs text-slate-500" data-testid="no-redrive">
                    Redrive is not available for this broker&apos;s dead-letter streams: send these back with the broker&apos;s own tools.
                  </p>
                )}
              </div>
              <Table
                head={
                  <>
                    <Th />
                    <Th>Failed</Th>
                    <Th>Record</Th>
                    <Th>Exception</Th>
                    <Th>From</Th>
                    <Th>Group</Th>
                    <Th>Redrive</Th>
                  </>
                }
              >
                {rows.map((r) => (
                  <tr key={key(r)} data-testid="dead-letter-row">
                    <td className="px-4 py-1.5">
                      <input
                        type="checkbox"
                        aria-label={`Select ${label(r, broker)}`}
                        disabled={!canRedrive || !!r.redrive || !r.originalTopic}
                        checked={selected.has(key(r))}
                        onChange={(e) => {
                          const next = new Set(selected);
                          if (e.target.checked) next.add(key(r));
                          else next.delete(key(r));
                          setSelected(next);
                        }}
                      />
                    </td>
                    <td className="px-4 py-1.5 text-xs text-slate-500" title={r.timestamp}>
                      {fmtAgo(r.timestamp)}
                    </td>
                    <td className="px-4 py-1.5 font-mono text-xs">
                      <Link
                        className="text-indigo-700 hover:underline"
                        href={`/topics/record?topic=${encodeURIComponent(d.topic.name)}&partition=${r.partition}&offset=${r.offset}`}
                      >
                        {label(r, broker)}
                      </Link>
                      {r.key ? <span className="ml-1 text-slate-500">key {r.key}</span> : null}
                    </td>
                    <td className="max-w-md px-4 py-1.5">
                      <div className="font-mono text-xs">
                        {r.exceptionClass ? short(r.exceptionClass) : <span className="text-slate-400">—</span>}
                      </div>
                      <div className="truncate text-xs text-slate-500" title={r.exceptionMessage ?? ""}>
                        {r.exceptionMessage}
                      </div>
                    </td>
                    <td className="px-4 py-1.5 font-mono text-xs">
                      {r.originalTopic
                        ? r.family === "rabbitmq"
                          ? r.originalTopic
                          : `${r.originalTopic}/${r.originalPartition ?? "?"}@${r.originalOffset ?? "?"}`
                        : "—"}
                      {r.family ? <span className="ml-1 rounded bg-slate-100 px-1 text-[10px] text-slate-500">{r.family}</span> : null}
                    </td>
                    <td className="px-4 py-1.5 font-mono text-xs">{r.consumerGroup ?? "—"}</td>
                    <td className="px-4 py-1.5 text-xs">
                      {r.redrive ? `${r.redrive.status} → ${r.redrive.targetTopic} ${fmtAgo(r.redrive.at)}` : ""}
                    </td>
                  </tr>
                ))}
              </Table>
            </section>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

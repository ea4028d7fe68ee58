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
import type { RouterOutputs } from "@/server/api/root";

type Plan = RouterOutputs["deadLetters"]["redrive"];
const key = (r: { partition: number; offset: string }) => `${r.partition}/${r.offset}`;
const short = (fqcn: string) => fqcn.split(".").at(-1) ?? fqcn;

export function DeadLetterDetail({ topicId }: { topicId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dlq = useQuery({ ...trpc.deadLetters.get.queryOptions({ topicId }), retry: false });
  const [exception, setException] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [plan, setPlan] = useState<Plan | null>(null);
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
  const records = [...selected].map((k) => ({ partition: Number(k.split("/")[0]), offset: k.split("/")[1]! }));

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
      {dlq.isPending ? <LoadingRows rows={8} label="Reading the newest dead letters from Kafka" /> : null}
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
                    Read here without taking them (the broker marks them redelivered). Redrive from Eventplane is for Kafka today; send
                    these back with the broker&apos;s own tools.
                  </p>
                )}
              </div>
              <ErrorNote error={redrive.error} />
              {plan ? (
                <div
                  role="dialog"
                  aria-label="Redrive plan"
                  className="mb-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm"
                  data-testid="redrive-plan"
                >
                  {plan.dryRun ? (
                    <>
                      <p className="font-medium">
                        Dry run: {plan.plan.filter((p) => !p.skipped).length} record(s) would go back to{" "}
                        {[...new Set(plan.plan.filter((p) => !p.skipped).map((p) => p.targetTopic))].join(", ") || "no topic"}
                        {plan.plan.some((p) => p.skipped) ? `; ${plan.plan.filter((p) => p.skipped).length} skipped` : ""}.
                      </p>
                      <ul className="mt-1 list-inside list-disc text-xs text-amber-900">
                        {plan.plan
                          .filter((p) => p.skipped)
                          .map((p) => (
                            <li key={key(p)}>
                              {key(p)}: {p.skipped}
                            </li>
                          ))}
                      </ul>
                      <p className="mt-1 text-xs text-amber-900">
                        Failure headers are removed; x-redrive-id, -by and -at are added. At most 50 records per second.
                      </p>
                      <div className="mt-3 flex gap-2">
                        <Button
                          variant="danger"
                          disabled={redrive.isPending || !plan.plan.some((p) => !p.skipped)}
                          onClick={() => redrive.mutate({ topicId, records, dryRun: false })}
                        >
                          Redrive now
                        </Button>
                        <Button onClick={() => setPlan(null)}>Cancel</Button>
                      </div>
                    </>
                  ) : (
                    <p className="font-medium" data-testid="redrive-done">
                      Sent {plan.sent} record(s) back.{" "}
                      {plan.plan.filter((p) => p.skipped).length ? `${plan.plan.filter((p) => p.skipped).length} skipped.` : ""}
                      <Button variant="ghost" className="ml-2" onClick={() => setPlan(null)}>
                        Close
                      </Button>
                    </p>
                  )}
                </div>
              ) : null}
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
                        aria-label={`Select ${key(r)}`}
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
                        {key(r)}
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

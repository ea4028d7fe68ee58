"use client";

// Moving a stopped Kafka group's offsets on one of its topics: choose where to, see the dry run
// (current → new offset, lag before → after), then apply. Kafka refuses while consumers run: the
// dry run says so before anyone tries.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fmtInt } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { fieldClass } from "@/app/_components/ui/form";
import { ErrorNote } from "@/app/_components/ui/states";
import { Table, Th } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/react";
import type { RouterOutputs } from "@/server/api/root";

type To = "earliest" | "latest" | "timestamp" | "offset" | "shift";
type Plan = RouterOutputs["consumers"]["resetOffsets"];

const VALUE_LABEL: Partial<Record<To, string>> = { timestamp: "Time (local)", offset: "Offset", shift: "Shift by (negative goes back)" };

export function ResetOffsetsPanel({
  clusterId,
  group,
  topics,
  topicIds,
  partitionsOf,
}: {
  clusterId: string;
  group: string;
  topics: string[];
  /** catalogued topics by name: their partition count lists every partition, not only the group's */
  topicIds: Record<string, string>;
  partitionsOf: (topic: string) => number[];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [topic, setTopic] = useState(topics[0] ?? "");
  const [to, setTo] = useState<To>("earliest");
  const [value, setValue] = useState("");
  const [only, setOnly] = useState<Set<number> | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const catalogued = useQuery({ ...trpc.topics.get.queryOptions({ id: topicIds[topic] ?? "" }), enabled: !!topicIds[topic] });
  const partitions = catalogued.data ? Array.from({ length: catalogued.data.partitionCount }, (_, p) => p) : partitionsOf(topic);
  const reset = useMutation(
    trpc.consumers.resetOffsets.mutationOptions({
      onSuccess: async (result) => {
        setPlan(result);
        if (result.applied) await queryClient.invalidateQueries({ queryKey: trpc.consumers.get.queryKey() });
      },
    }),
  );
  const request = (dryRun: boolean) => ({
    clusterId,
    group,
    topic,
    to,
    value: to === "timestamp" ? (value ? new Date(value).toISOString() : "") : to === "offset" || to === "shift" ? value : undefined,
    partitions: only ? [...only].sort((a, b) => a - b) : undefined,
    dryRun,
  });
  const changed = () => setPlan(null);
  return (
    <section aria-labelledby="reset-h" className="mt-8 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="reset-h" className="text-base font-semibold">
        Reset offsets
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        Moves where this group resumes on a topic, like kafka-consumer-groups --reset-offsets. Kafka accepts it only while the group has no
        running consumers. Offsets outside the log are clamped to its start or end.
      </p>
      <form
        aria-label="Reset offsets"
        className="grid gap-3 md:grid-cols-4"
        onSubmit={(e) => {
          e.preventDefault();
          reset.mutate(request(true));
        }}
      >
        <label className="text-sm">
          Topic
          <select className={fieldClass} value={topic} onChange={(e) => (setTopic(e.target.value), setOnly(null), changed())}>
            {topics.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          To
          <select className={fieldClass} value={to} onChange={(e) => (setTo(e.target.value as To), setValue(""), changed())}>
            <option value="earliest">Earliest</option>
            <option value="latest">Latest</option>
            <option value="timestamp">A time</option>
            <option value="offset">An offset</option>
            <option value="shift">Shift by N</option>
          </select>
        </label>
        {VALUE_LABEL[to] ? (
          <label className="text-sm">
            {VALUE_LABEL[to]}
            <input
              className={`${fieldClass} font-mono`}
              type={to === "timestamp" ? "datetime-local" : "text"}
              step={to === "timestamp" ? 1 : undefined}
              inputMode={to === "timestamp" ? undefined : "numeric"}
              required
              value={value}
              onChange={(e) => (setValue(e.target.value), changed())}
            />
          </label>
        ) : (
          <div />
        )}
        <fieldset className="text-sm">
          <legend>Partitions</legend>
          <div className="mt-1 flex max-h-20 flex-wrap gap-x-3 overflow-auto">
            <label className="flex items-center gap-1">
              <input type="checkbox" checked={only === null} onChange={(e) => (setOnly(e.target.checked ? null : new Set()), changed())} />{" "}
              all
            </label>
            {partitions.map((p) => (
              <label key={p} className="flex items-center gap-1 tabular-nums">
                <input
                  type="checkbox"
                  checked={only?.has(p) ?? false}
                  onChange={(e) => {
                    const next = new Set(only ?? []);
                    if (e.target.checked) next.add(p);
                    else next.delete(p);
                    setOnly(next);
                    changed();
                  }}
                />
                {p}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="md:col-span-4 flex gap-2">
          <Button type="submit" disabled={reset.isPending || !topic || (only !== null && only.size === 0)}>
            Dry run
          </Button>
          {plan?.dryRun ? (
            <Button variant="danger" disabled={reset.isPending || !!plan.refusal} onClick={() => reset.mutate(request(false))}>
              Apply to {plan.partitions.length} partition(s)
            </Button>
          ) : null}
        </div>
      </form>
      <div className="mt-3 space-y-2">
        <ErrorNote error={reset.error} />
        {plan?.refusal ? (
          <p
            role="alert"
            className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
            data-testid="reset-refusal"
          >
            {plan.refusal}
          </p>
        ) : null}
        {plan?.applied ? (
          <p
            role="status"
            className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
            data-testid="reset-applied"
          >
            Applied: {group} resumes {plan.topic} at the new offsets below.
          </p>
        ) : null}
        {plan ? (
          <Table
            head={
              <>
                <Th right>Partition</Th>
                <Th right>Current</Th>
                <Th right>New</Th>
                <Th right>Lag before</Th>
                <Th right>Lag after</Th>
              </>
            }
          >
            {plan.partitions.map((r) => (
              <tr key={r.partition} data-testid="reset-row">
                <td className="px-4 py-1.5 text-right tabular-nums">{r.partition}</td>
                <td className="px-4 py-1.5 text-right tabular-nums">{r.current === null ? "—" : fmtInt(Number(r.current))}</td>
                <td className="px-4 py-1.5 text-right font-semibold tabular-nums">{fmtInt(Number(r.next))}</td>
                <td className="px-4 py-1.5 text-right tabular-nums">{r.lagBefore === null ? "—" : fmtInt(Number(r.lagBefore))}</td>
                <td className="px-4 py-1.5 text-right tabular-nums">{fmtInt(Number(r.lagAfter))}</td>
              </tr>
            ))}
          </Table>
        ) : null}
      </div>
    </section>
  );
}

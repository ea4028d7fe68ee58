"use client";

// Changing a Kafka topic: its config (the diff first), its partitions (warning that keyed ordering
// changes), or deleting it (by typing its name). The policy in force is shown beside.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { fieldClass } from "@/app/_components/ui/form";
import { ErrorNote } from "@/app/_components/ui/states";
import { Table, Th } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/react";
import type { RouterOutputs } from "@/server/api/root";
import { PolicySummary } from "./policy-summary";

type Diff = RouterOutputs["topics"]["changeConfigs"];

function ConfigChange({ topicId }: { topicId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState([{ name: "", value: "" }]);
  const [reset, setReset] = useState("");
  const [diff, setDiff] = useState<Diff | null>(null);
  const change = useMutation(
    trpc.topics.changeConfigs.mutationOptions({
      onSuccess: async (d) => {
        setDiff(d);
        if (d.applied) await queryClient.invalidateQueries({ queryKey: trpc.topics.get.queryKey() });
      },
    }),
  );
  const request = (dryRun: boolean) => ({
    topicId,
    set: Object.fromEntries(rows.filter((r) => r.name.trim()).map((r) => [r.name.trim(), r.value])),
    reset: reset.split(/[\s,]+/).filter(Boolean),
    dryRun,
  });
  return (
    <section aria-labelledby="configs-h" className="space-y-2">
      <h3 id="configs-h" className="font-semibold">
        Change configuration
      </h3>
      {rows.map((r, i) => (
        <div key={i} className="flex gap-2">
          <input
            aria-label={`Config ${i + 1} name`}
            className={`${fieldClass} mt-0 w-64 font-mono`}
            placeholder="retention.ms"
            value={r.name}
            onChange={(e) => (setRows(rows.map((x, j) => (j === i ? { ...x, name: e.target.value } : x))), setDiff(null))}
          />
          <input
            aria-label={`Config ${i + 1} value`}
            className={`${fieldClass} mt-0 font-mono`}
            value={r.value}
            onChange={(e) => (setRows(rows.map((x, j) => (j === i ? { ...x, value: e.target.value } : x))), setDiff(null))}
          />
        </div>
      ))}
      <div className="flex flex-wrap items-end gap-2">
        <Button onClick={() => setRows([...rows, { name: "", value: "" }])}>Add a config</Button>
        <label className="text-sm">
          Return to the default
          <input
            className={`${fieldClass} w-64 font-mono`}
            placeholder="cleanup.policy"
            value={reset}
            onChange={(e) => (setReset(e.target.value), setDiff(null))}
          />
        </label>
        <Button disabled={change.isPending} onClick={() => change.mutate(request(true))}>
          Preview the change
        </Button>
        {diff?.dryRun && diff.diff.length ? (
          <Button variant="danger" disabled={change.isPending} onClick={() => change.mutate(request(false))}>
            Apply {diff.diff.length} change(s)
          </Button>
        ) : null}
      </div>
      <ErrorNote error={change.error} />
      {diff ? (
        diff.diff.length ? (
          <Table
            head={
              <>
                <Th>Config</Th>
                <Th>Now</Th>
                <Th>{diff.applied ? "Applied" : "After"}</Th>
              </>
            }
          >
            {diff.diff.map((d) => (
              <tr key={d.name} data-testid="config-diff">
                <td className="px-4 py-1.5 font-mono text-xs">{d.name}</td>
                <td className="px-4 py-1.5 font-mono text-xs text-rose-700">{d.from ?? "(default)"}</td>
                <td className="px-4 py-1.5 font-mono text-xs text-emerald-700">{d.to ?? "(default)"}</td>
              </tr>
            ))}
          </Table>
        ) : (
          <p className="text-sm text-slate-500">Nothing would change.</p>
        )
      ) : null}
    </section>
  );
}

export function ManageTab({ topic }: { topic: { id: string; name: string; partitionCount: number; internal: boolean } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [partitions, setPartitions] = useState(topic.partitionCount + 1);
  const [confirm, setConfirm] = useState("");
  const grow = useMutation(
    trpc.topics.addPartitions.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.topics.get.queryKey() }) }),
  );
  const remove = useMutation(trpc.topics.delete.mutationOptions({ onSuccess: () => router.push("/topics") }));
  if (topic.internal)
    return <p className="text-sm text-slate-500">Internal topics are Kafka&apos;s own: Eventplane does not change them.</p>;
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <div className="space-y-8">
        <ConfigChange topicId={topic.id} />
        <section aria-labelledby="partitions-h" className="space-y-2">
          <h3 id="partitions-h" className="font-semibold">
            Add partitions
          </h3>
          <p className="text-sm text-amber-800">
            Kafka only adds partitions. Records with the same key may go to a different partition afterwards: consumers that rely on per-key
            order see records of one key in two partitions for a while.
          </p>
          <div className="flex items-end gap-2">
            <label className="text-sm">
              Partitions (now {topic.partitionCount})
              <input
                className={`${fieldClass} w-32`}
                type="number"
                min={topic.partitionCount + 1}
                value={partitions}
                onChange={(e) => setPartitions(Number(e.target.value))}
              />
            </label>
            <Button disabled={grow.isPending} onClick={() => grow.mutate({ topicId: topic.id, partitions })}>
              Add partitions
            </Button>
          </div>
          {grow.data ? (
            <p role="status" className="text-sm text-emerald-700">
              {grow.data.from} → {grow.data.to} partitions.
            </p>
          ) : null}
          <ErrorNote error={grow.error} />
        </section>
        <section aria-labelledby="delete-h" className="space-y-2 rounded-lg border border-rose-200 bg-rose-50 p-4">
          <h3 id="delete-h" className="font-semibold text-rose-800">
            Delete the topic
          </h3>
          <p className="text-sm text-rose-800">Its records are gone for good. Type its name to confirm.</p>
          <div className="flex items-end gap-2">
            <input
              aria-label="Topic name to confirm"
              className={`${fieldClass} mt-0 w-80 font-mono`}
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
            />
            <Button
              variant="danger"
              disabled={confirm !== topic.name || remove.isPending}
              onClick={() => remove.mutate({ topicId: topic.id, confirmName: confirm })}
            >
              Delete {topic.name}
            </Button>
          </div>
          <ErrorNote error={remove.error} />
        </section>
      </div>
      <PolicySummary />
    </div>
  );
}

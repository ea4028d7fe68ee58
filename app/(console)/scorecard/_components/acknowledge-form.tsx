"use client";

// Acknowledging a finding: why it stays, and for how long (1 to 90 days). Withdrawing is one click.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { fieldClass } from "@/app/_components/ui/form";
import { ErrorNote } from "@/app/_components/ui/states";
import { useTRPC } from "@/app/_trpc/react";

export function AcknowledgeForm({ id, label, onDone }: { id: string; label: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [days, setDays] = useState("30");
  const ack = useMutation(
    trpc.scorecard.acknowledge.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.scorecard.pathKey() });
        onDone();
      },
    }),
  );
  return (
    <form
      aria-label={`Acknowledge ${label}`}
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        ack.mutate({ id, reason, days: Number(days) });
      }}
    >
      <label className="min-w-72 flex-1 text-sm">
        Reason
        <input
          className={fieldClass}
          value={reason}
          autoFocus
          required
          minLength={5}
          placeholder="e.g. consumers migrate to v2 next sprint"
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <label className="w-28 text-sm">
        For (days)
        <input className={fieldClass} type="number" min={1} max={90} value={days} onChange={(e) => setDays(e.target.value)} />
      </label>
      <Button type="submit" variant="primary" disabled={ack.isPending}>
        Acknowledge
      </Button>
      <Button type="button" variant="ghost" onClick={onDone}>
        Cancel
      </Button>
      <div className="w-full">
        <ErrorNote error={ack.error} />
      </div>
    </form>
  );
}

export function WithdrawButton({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const withdraw = useMutation(
    trpc.scorecard.withdraw.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.scorecard.pathKey() }) }),
  );
  return (
    <>
      <Button variant="ghost" onClick={() => withdraw.mutate({ id })} disabled={withdraw.isPending}>
        Withdraw
      </Button>
      <ErrorNote error={withdraw.error} />
    </>
  );
}

"use client";

// The topic rules in force, in words, beside the forms they govern.
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/react";

const bounds = (b: { min?: number; max?: number } | undefined, unit = "") =>
  b
    ? [b.min !== undefined ? `at least ${b.min}${unit}` : null, b.max !== undefined ? `at most ${b.max}${unit}` : null]
        .filter(Boolean)
        .join(", ")
    : null;

export function PolicySummary() {
  const trpc = useTRPC();
  const policy = useQuery(trpc.policies.current.queryOptions());
  const t = policy.data?.document.topics;
  const rules = t
    ? [
        t.namePattern ? `name matches ${t.namePattern}` : null,
        bounds(t.partitions) ? `partitions: ${bounds(t.partitions)}` : null,
        bounds(t.replicationFactor) ? `replication: ${bounds(t.replicationFactor)}` : null,
        bounds(t.retentionMs) ? `retention.ms: ${bounds(t.retentionMs)}` : null,
        t.ownerRequired ? "an owner team is required" : null,
      ].filter((x): x is string => !!x)
    : [];
  return (
    <aside className="rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm" data-testid="policy-summary">
      <h3 className="font-semibold">Topic policy</h3>
      {rules.length ? (
        <ul className="mt-1 list-inside list-disc text-slate-700">
          {rules.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-slate-500">No rules set: any name, size and retention the broker accepts.</p>
      )}
      <p className="mt-2 text-xs text-slate-500">Admins set it in Settings; the console and the API both enforce it.</p>
    </aside>
  );
}

"use client";

// The topic policy: the rules every topic created or changed from Eventplane must keep. Admins edit
// it; each save is a new version, audited.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { fmtAgo } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { fieldClass } from "@/app/_components/ui/form";
import { ErrorNote } from "@/app/_components/ui/states";
import { useViewer } from "@/app/_components/use-viewer";
import { useTRPC } from "@/app/_trpc/react";

type Field = "partitions" | "replicationFactor" | "retentionMs";
const FIELDS: [Field, string][] = [
  ["partitions", "Partitions"],
  ["replicationFactor", "Replication factor"],
  ["retentionMs", "retention.ms"],
];
const num = (s: string) => (s.trim() === "" ? undefined : Number(s));

export function PolicySettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { isAdmin } = useViewer();
  const policy = useQuery(trpc.policies.current.queryOptions());
  const [pattern, setPattern] = useState("");
  const [bounds, setBounds] = useState<Record<string, string>>({});
  const [ownerRequired, setOwnerRequired] = useState(false);
  useEffect(() => {
    const t = policy.data?.document.topics;
    if (!t) return;
    setPattern(t.namePattern ?? "");
    setOwnerRequired(!!t.ownerRequired);
    const b: Record<string, string> = {};
    for (const [f] of FIELDS) for (const side of ["min", "max"] as const) b[`${f}.${side}`] = t[f]?.[side]?.toString() ?? "";
    setBounds(b);
  }, [policy.data]);
  const save = useMutation(
    trpc.policies.set.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.policies.pathKey() }) }),
  );
  const submit = () => {
    const topics: Record<string, unknown> = { ownerRequired };
    if (pattern.trim()) topics.namePattern = pattern.trim();
    for (const [f] of FIELDS) {
      const min = num(bounds[`${f}.min`] ?? "");
      const max = num(bounds[`${f}.max`] ?? "");
      if (min !== undefined || max !== undefined)
        topics[f] = { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
    }
    // The other sections (schema rules) stay as they are: this form edits the topic rules only.
    save.mutate({ ...(policy.data?.document ?? {}), topics });
  };
  return (
    <section aria-labelledby="policy-h" className="mt-10 space-y-3">
      <div>
        <h2 id="policy-h" className="text-lg font-semibold">
          Topic policy
        </h2>
        <p className="text-sm text-slate-600">
          What every topic created or changed from Eventplane (console and API) must keep; a refusal names the rule.
          {policy.data?.version
            ? ` Version ${policy.data.version}, by ${policy.data.author} ${fmtAgo(policy.data.at)}.`
            : " No version saved yet."}
        </p>
      </div>
      <form
        aria-label="Topic policy"
        className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="text-sm md:col-span-2">
          Name pattern <span className="text-xs text-slate-500">(a regular expression the whole name must match; empty: any)</span>
          <input
            className={`${fieldClass} font-mono`}
            value={pattern}
            disabled={!isAdmin}
            placeholder="[a-z]+\.[a-z-]+\.v[0-9]+"
            onChange={(e) => setPattern(e.target.value)}
          />
        </label>
        {FIELDS.map(([f, label]) => (
          <div key={f} className="flex gap-2">
            {(["min", "max"] as const).map((side) => (
              <label key={side} className="text-sm">
                {label} {side}
                <input
                  className={`${fieldClass} w-40`}
                  inputMode="numeric"
                  disabled={!isAdmin}
                  value={bounds[`${f}.${side}`] ?? ""}
                  onChange={(e) => setBounds({ ...bounds, [`${f}.${side}`]: e.target.value })}
                />
              </label>
            ))}
          </div>
        ))}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={ownerRequired} disabled={!isAdmin} onChange={(e) => setOwnerRequired(e.target.checked)} /> An
          owner team is required
        </label>
        <div className="md:col-span-2">
          <ErrorNote error={save.error} />
          {isAdmin ? (
            <Button type="submit" variant="primary" disabled={save.isPending}>
              Save the policy
            </Button>
          ) : null}
          {save.isSuccess ? <span className="ml-3 text-sm text-emerald-700">Saved as version {save.data.version}.</span> : null}
        </div>
      </form>
    </section>
  );
}

"use client";

// What the policy says of the schema being written: errors refuse the registration, warnings are
// worth fixing before others depend on the schema. Each names its rule, as the REST check does.
type Finding = { rule: string; severity: "error" | "warning"; message: string; path: string };

export function PolicyFindings({ findings }: { findings: Finding[] | undefined }) {
  if (!findings) return null;
  if (!findings.length)
    return (
      <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="policy-findings">
        Meets the policy.
      </p>
    );
  return (
    <ul className="space-y-1.5" data-testid="policy-findings" aria-label="Policy findings">
      {findings.map((f) => (
        <li
          key={`${f.rule}-${f.path}`}
          className={`rounded-md px-3 py-1.5 text-sm ${f.severity === "error" ? "bg-rose-50 text-rose-800" : "bg-amber-50 text-amber-900"}`}
        >
          <span className="mr-2 text-xs font-semibold uppercase">{f.severity}</span>
          <code className="mr-2 text-xs">{f.rule}</code>
          {f.message}
        </li>
      ))}
    </ul>
  );
}

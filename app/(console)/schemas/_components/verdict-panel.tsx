import type { RouterOutputs } from "@/server/api/root";

type Check = RouterOutputs["schemas"]["check"];

/** What the live check says about the text in the editor, before anything is submitted. */
export function VerdictPanel({ check, checking, level }: { check: Check | undefined; checking: boolean; level: string }) {
  if (!check) return <p className="text-sm text-slate-500">{checking ? "Checking…" : "Type a schema to check it."}</p>;
  if (!check.valid) {
    return (
      <div
        role="status"
        data-testid="verdict"
        data-verdict="invalid"
        className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800"
      >
        <p className="font-medium">Not a valid schema</p>
        <p className="mt-1 break-words font-mono text-xs">{check.error}</p>
      </div>
    );
  }
  if (check.compatible) {
    return (
      <div
        role="status"
        data-testid="verdict"
        data-verdict="compatible"
        className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
      >
        <p className="font-medium">Compatible{level === "NONE" ? " (level NONE checks nothing)" : ` under ${level}`}</p>
      </div>
    );
  }
  return (
    <div
      role="status"
      data-testid="verdict"
      data-verdict="incompatible"
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
    >
      <p className="font-medium">
        Incompatible under {level}: {check.reasons.length} reason{check.reasons.length === 1 ? "" : "s"}
      </p>
      <ul className="mt-2 space-y-1">
        {check.reasons.map((r, i) => (
          <li key={i} className="flex flex-wrap items-baseline gap-2" data-testid="verdict-reason">
            <code className="rounded bg-white/70 px-1 text-xs">{r.path}</code>
            <span className="text-xs font-semibold uppercase tracking-wide">{r.kind.replace(/_/g, " ")}</span>
            <span className="text-xs">{r.message}</span>
            {r.version !== undefined ? <span className="text-xs text-amber-700">vs version {r.version}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

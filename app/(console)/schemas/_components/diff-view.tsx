"use client";

import { useQuery } from "@tanstack/react-query";
import { diffLines } from "diff";
import { ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { useQueryState } from "@/app/_components/use-query-state";
import { useTRPC } from "@/app/_trpc/react";

type Row = { left?: string; right?: string; kind: "same" | "removed" | "added" };

/** Pairs the lines of two texts into side-by-side rows (removed on the left, added on the right). */
function sideBySide(a: string, b: string): Row[] {
  const rows: Row[] = [];
  let pendingRemoved: string[] = [];
  for (const part of diffLines(a, b)) {
    const lines = part.value.replace(/\n$/, "").split("\n");
    if (part.removed) pendingRemoved = lines;
    else if (part.added) {
      const n = Math.max(pendingRemoved.length, lines.length);
      for (let i = 0; i < n; i++) rows.push({ left: pendingRemoved[i], right: lines[i], kind: "added" });
      pendingRemoved = [];
    } else {
      for (const l of pendingRemoved) rows.push({ left: l, kind: "removed" });
      pendingRemoved = [];
      for (const l of lines) rows.push({ left: l, right: l, kind: "same" });
    }
  }
  for (const l of pendingRemoved) rows.push({ left: l, kind: "removed" });
  return rows;
}

function Impact({ ok, label }: { ok: boolean; label: string }) {
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${ok ? "bg-emerald-50 text-emerald-700" : "bg-rose-50 text-rose-700"}`}>
      {label} {ok ? "✓" : "✗"}
    </span>
  );
}

export function DiffView({ subject, versions }: { subject: string; versions: number[] }) {
  const trpc = useTRPC();
  const { params, set } = useQueryState();
  const to = params.get("to") ?? String(versions.at(-1));
  const from = params.get("from") ?? String(versions.at(-2) ?? versions.at(-1));
  const diff = useQuery(trpc.schemas.diff.queryOptions({ subject, from, to }));
  const picker = (name: "from" | "to", value: string) => (
    <select
      aria-label={name === "from" ? "Compare from version" : "Compare to version"}
      value={value}
      onChange={(e) => set({ [name]: e.target.value })}
      className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
    >
      {versions.map((v) => (
        <option key={v} value={v}>
          Version {v}
        </option>
      ))}
    </select>
  );
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-2 text-sm">
        {picker("from", from)} <span>→</span> {picker("to", to)}
      </div>
      <ErrorNote error={diff.error} />
      {!diff.data ? (
        <LoadingRows rows={4} />
      ) : (
        <>
          <section aria-label="Changes">
            <h3 className="mb-2 text-sm font-semibold text-slate-700">
              {diff.data.changes.length} change{diff.data.changes.length === 1 ? "" : "s"}, with what each does to readers
            </h3>
            {diff.data.changes.length ? (
              <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
                {diff.data.changes.map((c, i) => (
                  <li key={i} className="flex flex-wrap items-center gap-3 px-4 py-2 text-sm" data-testid="diff-change">
                    <code className="text-xs text-slate-500">{c.path}</code>
                    <span className="font-medium">{c.description}</span>
                    <span className="ml-auto flex gap-1">
                      <Impact ok={c.backward} label="backward" />
                      <Impact ok={c.forward} label="forward" />
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-500">The two versions are the same schema.</p>
            )}
          </section>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white font-mono text-xs" data-testid="side-by-side">
            <table className="w-full">
              <thead className="bg-slate-50 text-left text-slate-500">
                <tr>
                  <th className="w-1/2 px-3 py-1.5 font-medium">Version {diff.data.from.version}</th>
                  <th className="w-1/2 px-3 py-1.5 font-medium">Version {diff.data.to.version}</th>
                </tr>
              </thead>
              <tbody>
                {sideBySide(diff.data.from.text, diff.data.to.text).map((r, i) => (
                  <tr key={i}>
                    <td className={`whitespace-pre px-3 ${r.kind !== "same" && r.left !== undefined ? "bg-rose-50 text-rose-900" : ""}`}>
                      {r.left ?? ""}
                    </td>
                    <td
                      className={`whitespace-pre px-3 ${r.kind === "added" && r.right !== undefined ? "bg-emerald-50 text-emerald-900" : ""}`}
                    >
                      {r.right ?? ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

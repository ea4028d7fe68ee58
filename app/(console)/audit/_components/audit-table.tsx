"use client";

import { Fragment, useState } from "react";
import { fmtAgo } from "@/app/_components/format";
import { Table, Th } from "@/app/_components/ui/table";
import type { RouterOutputs } from "@/server/api/root";

type Row = RouterOutputs["audit"]["list"]["items"][number];

const tone = (action: string) =>
  action.includes("failed") || action.includes("blocked") || action.endsWith(".delete") || action.includes("revoke")
    ? "text-rose-700"
    : "text-slate-800";

/** One row per entry; a row opens to show what it changed (before → after). */
export function AuditTable({ rows }: { rows: Row[] }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Table
      head={["When", "Actor", "Action", "Target", "Team", "From"].map((h) => (
        <Th key={h}>{h}</Th>
      ))}
    >
      {rows.map((r) => (
        <Fragment key={r.id}>
          <tr
            className="cursor-pointer hover:bg-slate-50"
            onClick={() => setOpen(open === r.id ? null : r.id)}
            onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), setOpen(open === r.id ? null : r.id))}
            tabIndex={0}
            aria-expanded={open === r.id}
          >
            <td className="whitespace-nowrap px-4 py-2 text-slate-500" title={new Date(r.at).toISOString()}>
              {fmtAgo(r.at)}
            </td>
            <td className="px-4 py-2">
              {r.actorName}
              {r.actorKind !== "user" ? <span className="ml-1 text-xs text-slate-400">({r.actorKind})</span> : null}
            </td>
            <td className={`px-4 py-2 font-medium ${tone(r.action)}`}>{r.action}</td>
            <td className="max-w-xs truncate px-4 py-2 font-mono text-xs" title={r.targetId}>
              {r.targetType}
              {r.targetId ? `: ${r.targetId}` : ""}
            </td>
            <td className="px-4 py-2">{r.team ?? "—"}</td>
            <td className="px-4 py-2 text-xs text-slate-500">{r.sourceIp ?? "—"}</td>
          </tr>
          {open === r.id ? (
            <tr>
              <td colSpan={6} className="bg-slate-50 px-4 py-3">
                <div className="grid gap-3 md:grid-cols-2">
                  {(["before", "after"] as const).map((k) => (
                    <div key={k}>
                      <p className="text-xs font-semibold uppercase text-slate-500">{k}</p>
                      <pre className="mt-1 max-h-64 overflow-auto rounded bg-white p-2 text-xs">
                        {r[k] === null || r[k] === undefined ? "—" : JSON.stringify(r[k], null, 2)}
                      </pre>
                    </div>
                  ))}
                </div>
                {r.requestId ? <p className="mt-2 text-xs text-slate-500">request {r.requestId}</p> : null}
              </td>
            </tr>
          ) : null}
        </Fragment>
      ))}
    </Table>
  );
}

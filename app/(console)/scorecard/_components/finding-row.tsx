"use client";

// One finding: severity, what was found where, since when, its evidence on demand, and its
// acknowledgement (who, why, until when) or the form to give one.
import Link from "next/link";
import { Fragment, useState } from "react";
import { fmtAgo } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import type { RouterOutputs } from "@/server/api/root";
import { AcknowledgeForm, WithdrawButton } from "./acknowledge-form";
import { CHECK_LABELS, evidenceRecordLinks, evidenceTraceLinks, targetHref } from "./finding-links";
import { PartitionBars } from "./partition-bars";

type Finding = RouterOutputs["scorecard"]["findings"]["items"][number];

const SEVERITY = {
  error: "bg-rose-50 text-rose-700 ring-rose-600/20",
  warning: "bg-amber-50 text-amber-800 ring-amber-600/20",
} as Record<string, string>;

export function FindingRow({ f }: { f: Finding }) {
  const [open, setOpen] = useState<"evidence" | "ack" | null>(null);
  const href = targetHref(f);
  return (
    <Fragment>
      <tr data-testid="finding" data-check={f.check} className={f.acknowledged || f.resolvedAt ? "text-slate-500" : undefined}>
        <td className="px-4 py-2 align-top">
          <span className={`rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${SEVERITY[f.severity] ?? ""}`}>{f.severity}</span>
        </td>
        <td className="px-4 py-2 align-top text-sm">
          <div className="font-medium text-slate-800">{CHECK_LABELS[f.check] ?? f.check}</div>
          <code className="text-xs text-slate-500">{f.check}</code>
        </td>
        <td className="px-4 py-2 align-top text-sm">
          {href ? (
            <Link href={href} className="font-mono text-xs text-indigo-700 hover:underline">
              {f.targetLabel}
            </Link>
          ) : (
            <span className="font-mono text-xs">{f.targetLabel}</span>
          )}
          <div className="text-xs text-slate-500">{f.team ?? "no owner team"}</div>
        </td>
        <td className="px-4 py-2 align-top text-sm">
          {f.message}
          {f.acknowledged ? (
            <div className="mt-1 text-xs text-slate-600" data-testid="acknowledgement">
              Acknowledged by {f.ackBy} until {new Date(f.ackUntil!).toLocaleDateString("en")}: “{f.ackReason}”
            </div>
          ) : null}
          {f.resolvedAt ? <div className="mt-1 text-xs text-emerald-700">Resolved {fmtAgo(f.resolvedAt)}</div> : null}
        </td>
        <td className="whitespace-nowrap px-4 py-2 align-top text-xs text-slate-500">{fmtAgo(f.firstSeenAt)}</td>
        <td className="whitespace-nowrap px-4 py-2 text-right align-top">
          <Button variant="ghost" aria-expanded={open === "evidence"} onClick={() => setOpen(open === "evidence" ? null : "evidence")}>
            Evidence
          </Button>
          {f.resolvedAt ? null : f.acknowledged ? (
            <WithdrawButton id={f.id} />
          ) : (
            <Button variant="ghost" onClick={() => setOpen(open === "ack" ? null : "ack")}>
              Acknowledge
            </Button>
          )}
        </td>
      </tr>
      {open ? (
        <tr>
          <td colSpan={6} className="bg-slate-50 px-4 py-3">
            {open === "evidence" ? (
              <div className="space-y-2">
                {evidenceRecordLinks(f).length ? (
                  <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs">
                    <span className="text-slate-600">Records:</span>
                    {evidenceRecordLinks(f).map((l) => (
                      <Link key={l.href} href={l.href} className="font-mono text-indigo-700 hover:underline">
                        {l.label}
                      </Link>
                    ))}
                  </p>
                ) : null}
                {evidenceTraceLinks(f.evidence).length ? (
                  <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs">
                    <span className="text-slate-600">Traces:</span>
                    {evidenceTraceLinks(f.evidence).map((l) => (
                      <Link key={l.href} href={l.href} className="font-mono text-indigo-700 hover:underline">
                        {l.label}
                      </Link>
                    ))}
                  </p>
                ) : null}
                <PartitionBars evidence={f.evidence} />
                <pre className="overflow-x-auto text-xs" data-testid="evidence">
                  {JSON.stringify(f.evidence, null, 2)}
                </pre>
              </div>
            ) : (
              <AcknowledgeForm id={f.id} label={`${f.check} on ${f.targetLabel}`} onDone={() => setOpen(null)} />
            )}
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

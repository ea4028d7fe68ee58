"use client";

// What the scorecard found on this subject, topic, group or service: one line per open finding, linked to the
// Scorecard for evidence and acknowledgement. Nothing is shown when there is nothing to say.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/app/_trpc/react";

export function FindingsPanel({ targetType, targetKey }: { targetType: "subject" | "topic" | "group" | "service"; targetKey: string }) {
  const trpc = useTRPC();
  const findings = useQuery(trpc.scorecard.of.queryOptions({ targetType, targetKey }));
  const open = findings.data ?? [];
  if (!open.length) return null;
  const errors = open.filter((f) => f.severity === "error" && !f.acknowledged).length;
  return (
    <section
      aria-label="Scorecard findings"
      data-testid="findings-panel"
      className={`mb-6 rounded-lg border px-4 py-3 text-sm ${errors ? "border-rose-200 bg-rose-50" : "border-amber-200 bg-amber-50"}`}
    >
      <div className="mb-1 font-semibold">
        {open.length} scorecard finding{open.length === 1 ? "" : "s"}{" "}
        <Link className="ml-2 text-xs font-normal text-indigo-700 underline" href={`/scorecard?${new URLSearchParams({ q: targetKey })}`}>
          evidence and acknowledgements
        </Link>
      </div>
      <ul className="space-y-0.5">
        {open.map((f) => (
          <li key={f.id} className={f.acknowledged ? "text-slate-500" : undefined}>
            <span className="mr-2 text-xs font-semibold uppercase">{f.acknowledged ? "acknowledged" : f.severity}</span>
            {f.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

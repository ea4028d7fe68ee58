"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { fmtInt, fmtSeconds } from "@/app/_components/format";
import { ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { useTRPC } from "@/app/_trpc/react";

const RANGES = [
  { minutes: 60, label: "1 h" },
  { minutes: 360, label: "6 h" },
  { minutes: 1440, label: "24 h" },
] as const;

const time = (ms: number) => new Date(ms).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

/** Lag in messages and in seconds over a chosen range, from the collector's once-a-minute samples. */
export function LagChart({ id }: { id: string }) {
  const trpc = useTRPC();
  const [minutes, setMinutes] = useState<number>(60);
  const history = useQuery({ ...trpc.consumers.history.queryOptions({ id, minutes }), refetchInterval: 60_000 });
  const points = (history.data ?? []).map((p) => ({ at: new Date(p.at).getTime(), lag: p.totalLag, seconds: p.maxTimeLagSeconds }));
  return (
    <section aria-label="Lag over time" className="mb-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="mb-2 flex items-center justify-between">
        <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">Lag over time</h2>
        <div role="radiogroup" aria-label="Range" className="flex gap-1">
          {RANGES.map((r) => (
            <button
              key={r.minutes}
              type="button"
              role="radio"
              aria-checked={minutes === r.minutes}
              onClick={() => setMinutes(r.minutes)}
              className={`rounded px-2 py-0.5 text-sm ${minutes === r.minutes ? "bg-indigo-600 text-white" : "text-slate-600 hover:bg-slate-100"}`}
            >
              {r.label}
            </button>
          ))}
        </div>
      </div>
      {history.isPending ? (
        <LoadingRows rows={2} label="Loading lag history" />
      ) : history.error ? (
        <ErrorNote error={history.error} />
      ) : points.length < 2 ? (
        <p className="py-6 text-center text-sm text-slate-500" data-testid="lag-chart-empty">
          {points.length ? "One sample so far:" : "No samples in this range yet:"} the collector keeps one a minute per group.
        </p>
      ) : (
        <div className="h-56" data-testid="lag-chart" data-points={points.length}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
              <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
              <XAxis dataKey="at" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={time} fontSize={11} />
              <YAxis yAxisId="lag" tickFormatter={(v: number) => fmtInt(v)} fontSize={11} width={56} />
              <YAxis yAxisId="seconds" orientation="right" tickFormatter={(v: number) => fmtSeconds(v)} fontSize={11} width={56} />
              <Tooltip
                labelFormatter={(v) => new Date(Number(v)).toLocaleString("en-GB")}
                formatter={(v, name) => (name === "time lag" ? fmtSeconds(Number(v)) : fmtInt(Number(v)))}
              />
              <Legend verticalAlign="top" height={24} iconType="plainline" />
              <Line yAxisId="lag" dataKey="lag" name="lag (messages)" stroke="#d97706" dot={false} isAnimationActive={false} />
              <Line
                yAxisId="seconds"
                dataKey="seconds"
                name="time lag"
                stroke="#4f46e5"
                dot={false}
                isAnimationActive={false}
                connectNulls
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}

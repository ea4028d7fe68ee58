"use client";

// One card per team: errors and warnings open now, acknowledged apart, and the change since a week ago.
import { plural } from "@/app/_components/format";
import type { RouterOutputs } from "@/server/api/root";

type Score = RouterOutputs["scorecard"]["summary"]["teams"][number];

function Trend({ trend, weekAgo }: { trend: number; weekAgo: number }) {
  if (trend === 0) return <span className="text-xs text-slate-500">same as a week ago</span>;
  // Nothing was open a week ago: "more than a week ago" would read as a regression of a fresh install.
  if (weekAgo === 0) return <span className="text-xs text-slate-500">all found this week</span>;
  const worse = trend > 0;
  return (
    <span className={`text-xs font-medium ${worse ? "text-rose-700" : "text-emerald-700"}`}>
      {worse ? "▲" : "▼"} {Math.abs(trend)} {worse ? "more" : "fewer"} than a week ago
    </span>
  );
}

export function TeamScores({ teams, onPick, picked }: { teams: Score[]; onPick: (team: string) => void; picked: string | null }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="Teams">
      {teams.map((t) => {
        const key = t.team ?? "(none)";
        return (
          <li key={key}>
            <button
              type="button"
              onClick={() => onPick(key)}
              aria-pressed={picked === key}
              data-testid="team-score"
              className={`w-full rounded-lg border bg-white p-3 text-left shadow-sm hover:border-indigo-300 ${picked === key ? "border-indigo-500 ring-1 ring-indigo-500" : "border-slate-200"}`}
            >
              <div className="font-semibold">{t.team ?? "No owner team"}</div>
              <div className="mt-1 flex gap-3 text-sm">
                <span className={t.errors ? "font-semibold text-rose-700" : "text-slate-500"}>{plural(t.errors, "error")}</span>
                <span className={t.warnings ? "font-semibold text-amber-700" : "text-slate-500"}>{plural(t.warnings, "warning")}</span>
                {t.acknowledged ? <span className="text-slate-500">{t.acknowledged} acknowledged</span> : null}
              </div>
              <Trend trend={t.trend} weekAgo={t.weekAgo} />
            </button>
          </li>
        );
      })}
    </ul>
  );
}

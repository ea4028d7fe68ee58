import { fmtMs } from "@/app/_components/format";
import { ticks, type ViewWindow } from "./layout";

/** Time labels along the top of the timeline, and faint guide lines through the rows. */
export function Ticks({ totalMs, view, lines = false }: { totalMs: number; view: ViewWindow; lines?: boolean }) {
  return (
    <div className="pointer-events-none absolute inset-0">
      {ticks(totalMs, view).map(({ at, ms }) => (
        <div key={at} className="absolute top-0 h-full" style={{ left: `${at * 100}%` }}>
          {lines ? (
            <div className="h-full border-l border-slate-100" />
          ) : (
            <span
              className={`absolute top-1 whitespace-nowrap text-[10px] tabular-nums text-slate-500 ${at === 1 ? "-translate-x-full pr-1" : "pl-1"}`}
            >
              {fmtMs(ms)}
            </span>
          )}
        </div>
      ))}
    </div>
  );
}

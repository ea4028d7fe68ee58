// A hot-partition finding at a glance: one bar per partition, its share of the topic's records, with
// the fair share marked, so the skew is seen rather than read from numbers.
import { partitionShares } from "./finding-links";

export function PartitionBars({ evidence }: { evidence: unknown }) {
  const rows = partitionShares(evidence);
  if (rows.length < 2) return null;
  const fair = 1 / rows.length;
  const skew = Number((evidence as { skew?: unknown })?.skew ?? 2);
  const top = Math.max(...rows.map((r) => r.share), fair);
  return (
    <figure className="max-w-md" aria-label="Records per partition">
      <figcaption className="mb-1 text-xs text-slate-600">Records per partition (the line is a fair share)</figcaption>
      <ul className="space-y-1">
        {rows.map((r) => (
          <li key={r.partition} className="flex items-center gap-2 text-xs">
            <span className="w-8 shrink-0 text-right font-mono text-slate-600">{r.partition}</span>
            <span className="relative h-3 flex-1 rounded bg-slate-100">
              <span
                className={`absolute inset-y-0 left-0 rounded ${r.share > skew * fair ? "bg-amber-500" : "bg-indigo-400"}`}
                style={{ width: `${(100 * r.share) / top}%` }}
              />
              <span className="absolute inset-y-0 w-px bg-slate-700" style={{ left: `${(100 * fair) / top}%` }} aria-hidden />
            </span>
            <span className="w-28 shrink-0 font-mono text-slate-700">
              {Math.round(100 * r.share)} % · {r.records.toLocaleString("en")}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** A small line of a series' shape (no axes): where people would rather glance than read numbers. */
export function Sparkline({
  values,
  width = 88,
  height = 22,
  label,
  neutral = false,
}: {
  values: number[];
  width?: number;
  height?: number;
  label: string;
  /** A series where rising is not bad news (traffic): one colour whichever way it goes. */
  neutral?: boolean;
}) {
  if (values.length < 2) return <span className="text-xs text-slate-400">—</span>;
  const max = Math.max(...values);
  const min = Math.min(...values);
  const span = max - min || 1;
  const points = values
    .map(
      (v, i) =>
        `${((i / (values.length - 1)) * (width - 2) + 1).toFixed(1)},${(height - 1 - ((v - min) / span) * (height - 2)).toFixed(1)}`,
    )
    .join(" ");
  const rising = values.at(-1)! > values[0]!;
  return (
    <svg
      width={width}
      height={height}
      role="img"
      aria-label={`${label}: from ${values[0]!.toLocaleString("en")} to ${values.at(-1)!.toLocaleString("en")}`}
      className="overflow-visible"
    >
      <title>{`${label}: min ${min.toLocaleString("en")}, max ${max.toLocaleString("en")}, now ${values.at(-1)!.toLocaleString("en")}`}</title>
      <polyline
        points={points}
        fill="none"
        stroke={neutral ? "#4f46e5" : rising ? "#e11d48" : "#059669"}
        strokeWidth={1.5}
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}

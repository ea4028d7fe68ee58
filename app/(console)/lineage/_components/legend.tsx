// What the colours and dashes of the graph mean, in the corner of the canvas.
const ITEMS: { label: string; swatch: React.ReactNode }[] = [
  { label: "service", swatch: <span className="h-3 w-1.5 rounded-sm bg-indigo-500" /> },
  { label: "topic", swatch: <span className="h-3 w-1.5 rounded-sm bg-emerald-500" /> },
  { label: "consumer group", swatch: <span className="h-3 w-1.5 rounded-sm bg-amber-500" /> },
  { label: "dead letters", swatch: <span className="h-3 w-1.5 rounded-sm bg-rose-500" /> },
  { label: "healthy", swatch: <Line color="#94a3b8" /> },
  { label: "lag WARN", swatch: <Line color="#f59e0b" /> },
  { label: "lag ERR / DLQ inflow", swatch: <Line color="#e11d48" /> },
  { label: "drift", swatch: <Line color="#7c3aed" /> },
  { label: "declared, not seen", swatch: <Line color="#7c3aed" dash="6 4" /> },
  { label: "guessed from client id", swatch: <Line color="#94a3b8" dash="2 3" /> },
];

function Line({ color, dash }: { color: string; dash?: string }) {
  return (
    <svg width="22" height="6" aria-hidden>
      <line x1="0" y1="3" x2="22" y2="3" stroke={color} strokeWidth="2.5" strokeDasharray={dash} />
    </svg>
  );
}

export function Legend() {
  return (
    <ul
      aria-label="Legend"
      className="absolute bottom-2 left-14 z-10 flex max-w-[60%] flex-wrap gap-x-3 gap-y-1 rounded-md bg-white/90 px-2 py-1 text-[11px] text-slate-600 shadow-sm"
    >
      {ITEMS.map((i) => (
        <li key={i.label} className="flex items-center gap-1">
          {i.swatch}
          {i.label}
        </li>
      ))}
    </ul>
  );
}

const STYLES: Record<string, string> = {
  OK: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  UNREACHABLE: "bg-rose-50 text-rose-700 ring-rose-600/20",
  UNKNOWN: "bg-slate-100 text-slate-600 ring-slate-500/20",
  Stable: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  Empty: "bg-slate-100 text-slate-600 ring-slate-500/20",
  PreparingRebalance: "bg-amber-50 text-amber-700 ring-amber-600/20",
  CompletingRebalance: "bg-amber-50 text-amber-700 ring-amber-600/20",
  Dead: "bg-rose-50 text-rose-700 ring-rose-600/20",
  DELETED: "bg-rose-50 text-rose-700 ring-rose-600/20",
  WARN: "bg-amber-50 text-amber-700 ring-amber-600/20",
  ERR: "bg-rose-50 text-rose-700 ring-rose-600/20",
  STOP: "bg-rose-50 text-rose-700 ring-rose-600/20",
  STALL: "bg-rose-50 text-rose-700 ring-rose-600/20",
  REWIND: "bg-rose-50 text-rose-700 ring-rose-600/20",
};

// Burrow's lag statuses, in a sentence each, for the badge's tooltip.
const HINTS: Record<string, string> = {
  WARN: "moving, but the lag has not shrunk in the window",
  ERR: "a partition is stopped, stalled or rewound",
  STOP: "the offset stopped moving, behind the log end, and no member owns the partition",
  STALL: "a member owns the partition but its offset does not move while it is behind",
  REWIND: "the committed offset went backwards",
};

const LABELS: Record<string, string> = { OK: "Healthy", UNREACHABLE: "Unreachable", UNKNOWN: "Not synced yet", DELETED: "Deleted" };

/** kind "lag" shows Burrow's words as they are ("lag OK", "lag WARN"…), never the cluster's "Healthy". */
export function StatusBadge({ status, kind }: { status: string; kind?: "lag" }) {
  return (
    <span
      title={HINTS[status]}
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status] ?? STYLES.UNKNOWN}`}
    >
      <span aria-hidden className="h-1.5 w-1.5 rounded-full bg-current" />
      {kind === "lag" ? `lag ${status}` : (LABELS[status] ?? status)}
    </span>
  );
}

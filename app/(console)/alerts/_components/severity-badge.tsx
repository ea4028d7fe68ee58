const STYLES: Record<string, string> = {
  critical: "bg-rose-100 text-rose-800",
  warning: "bg-amber-100 text-amber-800",
  info: "bg-sky-100 text-sky-800",
  firing: "bg-rose-600 text-white",
  pending: "bg-amber-400 text-amber-950",
  resolved: "bg-emerald-100 text-emerald-800",
  cleared: "bg-slate-100 text-slate-600",
  delivered: "bg-emerald-100 text-emerald-800",
  failed: "bg-rose-100 text-rose-800",
};

export function Badge({ value }: { value: string }) {
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${STYLES[value] ?? "bg-slate-100 text-slate-700"}`}>
      {value}
    </span>
  );
}

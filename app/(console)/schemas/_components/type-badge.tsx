const COLORS: Record<string, string> = {
  AVRO: "bg-sky-50 text-sky-700",
  JSON: "bg-amber-50 text-amber-700",
  PROTOBUF: "bg-violet-50 text-violet-700",
};

export function TypeBadge({ type }: { type: string }) {
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${COLORS[type] ?? "bg-slate-100 text-slate-600"}`}>{type}</span>;
}

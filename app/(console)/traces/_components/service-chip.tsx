import { serviceColor } from "./service-colors";

export function ServiceChip({ service }: { service: string }) {
  return (
    <span className="inline-flex items-center gap-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
      <span aria-hidden className="h-2 w-2 rounded-full" style={{ background: serviceColor(service) }} />
      {service}
    </span>
  );
}

export const fmtInt = (n: number) => n.toLocaleString("en");

export function fmtRate(perSec: number | null | undefined): string {
  if (perSec === null || perSec === undefined) return "—";
  if (perSec === 0) return "0/s";
  if (perSec < 1) return `${(perSec * 60).toFixed(1)}/min`;
  return `${perSec < 100 ? perSec.toFixed(1) : Math.round(perSec).toLocaleString("en")}/s`;
}

export function fmtAgo(d: Date | string | null | undefined, now = Date.now()): string {
  if (!d) return "never";
  const s = Math.max(0, Math.round((now - new Date(d).getTime()) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}

export const plural = (n: number, noun: string, nouns = `${noun}s`) => `${fmtInt(n)} ${n === 1 ? noun : nouns}`;

/** A duration in seconds, for lag: "0s", "42s", "3m 5s", "2h 10m", "3d 4h". */
export function fmtSeconds(s: number | null | undefined): string {
  if (s === null || s === undefined) return "—";
  const n = Math.round(s);
  if (n < 60) return `${n}s`;
  if (n < 3600) return `${Math.floor(n / 60)}m ${n % 60}s`;
  if (n < 86400) return `${Math.floor(n / 3600)}h ${Math.floor((n % 3600) / 60)}m`;
  return `${Math.floor(n / 86400)}d ${Math.floor((n % 86400) / 3600)}h`;
}

/** A span-scale duration in milliseconds: "0.42 ms", "12.3 ms", "1.24 s", "2m 3s". */
export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return fmtSeconds(ms / 1000);
}

/** 1536 → "1.5 KiB", in binary units as Kafka's byte settings are. */
export function fmtBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? fmtInt(v) : v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

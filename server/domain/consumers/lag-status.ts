// Threshold-free lag status, after Burrow's evaluator (core/internal/evaluator, v1.9.5), adapted to
// what polling can see. Burrow receives every commit; we see the committed offset each poll, so the
// window holds one entry per *change* of the committed offset. Two consequences, both deliberate:
//  - "commits keep arriving but the offset does not move" (Burrow's STALL) and "commits stopped"
//    (STOP) look alike to us; we tell them apart by ownership: a partition a live member still owns
//    is STALL, one nobody owns is STOP.
//  - Burrow's STOP fires as soon as the idle time exceeds the window's span; a fresh window spans
//    nothing, so we also require `minIdleMs` of idleness, or one slow poll would read as stopped.

export type PartitionStatus = "OK" | "WARN" | "STALL" | "STOP" | "REWIND";
export type GroupStatus = "OK" | "WARN" | "ERR";

export interface Commit {
  offset: number;
  time: number; // ms, when this offset was first seen
  lag: number; // lag when it was first seen
}

export interface PartitionEvidence {
  /** Oldest first; at most Burrow's ten. */
  commits: Commit[];
  currentLag: number | null;
  /** Log-end samples: was the consumer caught up at some point since its last commit? */
  endSamples: { offset: number; time: number }[];
  owned: boolean;
  now: number;
  minIdleMs: number;
}

export function partitionStatus(e: PartitionEvidence): PartitionStatus {
  const last = e.commits.at(-1);
  const first = e.commits[0];
  if (!last || !first || e.currentLag === null || e.currentLag <= 0) return "OK";

  const idle = e.now - last.time;
  const span = last.time - first.time;
  const caughtUpSince = e.endSamples.some((s) => s.time >= last.time && s.offset <= last.offset);
  if (idle > Math.max(span, e.minIdleMs) && !caughtUpSince) return e.owned ? "STALL" : "STOP";

  // Went backwards and never recovered the earlier position.
  for (let i = 1; i < e.commits.length; i++) {
    const before = e.commits[i - 1]!.offset;
    if (e.commits[i]!.offset < before) {
      if (!e.commits.slice(i).some((c) => c.offset >= before)) return "REWIND";
      break;
    }
  }

  // Moving, but never caught up in the window and the lag never shrank: falling behind.
  if (e.commits.length >= 2 && e.commits.every((c) => c.lag > 0)) {
    let growing = true;
    for (let i = 1; i < e.commits.length; i++) if (e.commits[i]!.lag < e.commits[i - 1]!.lag) growing = false;
    if (growing) return "WARN";
  }
  return "OK";
}

/** Burrow's rule: any partition stopped, stalled or rewound makes the group ERR; else the worst. */
export function groupStatus(statuses: PartitionStatus[]): GroupStatus {
  if (statuses.some((s) => s === "STOP" || s === "STALL" || s === "REWIND")) return "ERR";
  return statuses.includes("WARN") ? "WARN" : "OK";
}

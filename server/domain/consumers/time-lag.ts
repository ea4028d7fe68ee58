// Time lag by interpolation over (log-end offset, time) samples, after kafka-lag-exporter: estimate
// when the log end stood at the committed offset, and subtract that moment from now.

export interface EndSample {
  offset: number;
  time: number; // ms
}

export type TimeLag =
  { seconds: number; method: "zero" | "interpolated" | "extrapolated" } | { seconds: null; method: "too-few-points" | "flat-window" };

/** samples: oldest first. committed: the group's committed offset. now: the moment the lag is for. */
export function estimateTimeLag(samples: EndSample[], committed: number, now: number): TimeLag {
  const newest = samples.at(-1);
  // Caught up with the newest known end: no lag, whatever the window looks like.
  if (newest && committed >= newest.offset) return { seconds: 0, method: "zero" };
  if (samples.length < 2) return { seconds: null, method: "too-few-points" };

  // The newest segment [l, r] with l.offset <= committed <= r.offset and a slope (r.offset > l.offset).
  for (let i = samples.length - 1; i > 0; i--) {
    const l = samples[i - 1]!;
    const r = samples[i]!;
    if (l.offset <= committed && committed <= r.offset && r.offset > l.offset) {
      return { seconds: Math.max(0, (now - at(l, r, committed)) / 1000), method: "interpolated" };
    }
  }
  // Older than the window: extrapolate along the whole window's slope, as kafka-lag-exporter does.
  // A window with no growth at all has no slope to extrapolate along (its division by zero).
  const oldest = samples[0]!;
  if (newest!.offset === oldest.offset) return { seconds: null, method: "flat-window" };
  return { seconds: Math.max(0, (now - at(oldest, newest!, committed)) / 1000), method: "extrapolated" };
}

function at(l: EndSample, r: EndSample, offset: number): number {
  return r.time - ((r.offset - offset) * (r.time - l.time)) / (r.offset - l.offset);
}

/** Offset lag as kafka-consumer-groups.sh prints it, never negative (a committed offset read after a
 *  newer log end would otherwise show as -1). Null when nothing is committed. */
export function offsetLag(endOffset: number, committed: number | null): number | null {
  return committed === null ? null : Math.max(0, endOffset - committed);
}

// Bar geometry as fractions of the timeline's width, for a view window given as fractions of the
// journey's duration ([0, 1] = all of it). Pure, so it is tested without a browser; the components
// only turn fractions into percentages.

export type ViewWindow = { start: number; end: number };
export const FULL_VIEW: ViewWindow = { start: 0, end: 1 };

export type Bar = { left: number; width: number; clippedLeft: boolean; clippedRight: boolean };

/** A bar from `startMs` lasting `durationMs` within a journey of `totalMs`; null when outside the view. */
export function layoutBar(startMs: number, durationMs: number, totalMs: number, view: ViewWindow): Bar | null {
  const total = totalMs > 0 ? totalMs : 1;
  const span = Math.max(view.end - view.start, 1e-9);
  const from = (startMs / total - view.start) / span;
  const to = ((startMs + durationMs) / total - view.start) / span;
  if (to < 0 || from > 1) return null;
  const left = Math.max(0, from);
  const right = Math.min(1, to);
  return { left, width: Math.max(0, right - left), clippedLeft: from < 0, clippedRight: to > 1 };
}

/** Evenly spaced tick positions (fractions of the visible width) with their time labels in ms. */
export function ticks(totalMs: number, view: ViewWindow, count = 5): { at: number; ms: number }[] {
  return Array.from({ length: count + 1 }, (_, i) => {
    const at = i / count;
    return { at, ms: (view.start + at * (view.end - view.start)) * totalMs };
  });
}

/** A drag on the minimap (fractions of its width, either direction) → the view window; tiny drags mean "no zoom". */
export function windowFromDrag(a: number, b: number, minWidth = 0.002): ViewWindow | null {
  const start = Math.max(0, Math.min(a, b));
  const end = Math.min(1, Math.max(a, b));
  return end - start < minWidth ? null : { start, end };
}

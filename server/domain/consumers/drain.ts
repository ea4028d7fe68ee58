// Consume rate and time to drain, from the same persisted windows as lag status and time lag.

interface Point {
  offset: number;
  time: number; // ms
}

/** Records per second between the first and last point of a window; null without two points apart in time. */
export function ratePerSecond(points: Point[]): number | null {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || last.time <= first.time) return null;
  return Math.max(0, (last.offset - first.offset) / ((last.time - first.time) / 1000));
}

/** Seconds until the lag reaches zero at the current rates: 0 when there is none, null when it is
 *  not shrinking (or the rates are unknown). */
export function secondsToDrain(lag: number | null, consumeRate: number | null, produceRate: number | null): number | null {
  if (lag === null) return null;
  if (lag <= 0) return 0;
  if (consumeRate === null || produceRate === null) return null;
  const net = consumeRate - produceRate;
  return net > 0 ? lag / net : null;
}

/** Delay before the next attempt after `failures` consecutive failures: doubling, capped, with jitter
 *  so several workers do not retry a recovering broker in lockstep. */
export function backoffMs(failures: number, baseMs: number, maxMs: number, random = Math.random): number {
  if (failures <= 0) return baseMs;
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(failures, 20));
  return Math.round(exp * (0.8 + 0.2 * random()));
}

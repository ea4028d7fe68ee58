/**
 * Delay before retry number `retry` (1 = the first): `firstMs` doubling per retry, capped at `maxMs`,
 * then shortened by up to `jitter` (a fraction) so many retriers (workers after a broker outage,
 * notifications after a receiver's) do not come back in lockstep.
 */
export function retryDelayMs(
  retry: number,
  opts: { firstMs: number; maxMs: number; jitter: number },
  random: () => number = Math.random,
): number {
  const exp = Math.min(opts.maxMs, opts.firstMs * 2 ** Math.min(Math.max(retry, 1) - 1, 30));
  return Math.round(exp * (1 - opts.jitter * (1 - random())));
}

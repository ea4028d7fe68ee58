// Hop latencies are kept as counts in logarithmic buckets, eight to a doubling: a bucket's middle is
// within 4.5 % of every latency in it, and a minute of one flow is at most ~250 rows however many
// messages it carried. Percentiles are read back from the counts (hop-latencies.ts).

/** Buckets per doubling of the latency. */
export const BUCKETS_PER_DOUBLING = 8;

/** The bucket of a latency in nanoseconds: 0 below 1 µs (negative ones too: clocks disagree), else
 *  1 + floor(8 · log2(µs)). The SQL in hop-latencies.ts computes the same. */
export function bucketOf(ns: number): number {
  const us = ns / 1000;
  return us < 1 ? 0 : 1 + Math.floor(BUCKETS_PER_DOUBLING * Math.log2(us));
}

/** The latency a bucket stands for, in milliseconds: its geometric middle (0 for bucket 0). */
export function bucketMiddleMs(bucket: number): number {
  return bucket <= 0 ? 0 : 2 ** ((bucket - 0.5) / BUCKETS_PER_DOUBLING) / 1000;
}

/**
 * The p-quantile (0..1) of the latencies counted in `counts` (bucket → count), as its bucket's middle:
 * the bucket holding the latency of rank p · (n − 1) in ascending order, n the number counted.
 */
export function quantileOf(counts: Map<number, number>, p: number): number {
  const buckets = [...counts.keys()].sort((a, b) => a - b);
  const n = buckets.reduce((s, b) => s + counts.get(b)!, 0);
  if (!n) return NaN;
  const rank = Math.floor(p * (n - 1));
  let seen = 0;
  for (const b of buckets) {
    seen += counts.get(b)!;
    if (seen > rank) return bucketMiddleMs(b);
  }
  return bucketMiddleMs(buckets.at(-1)!);
}

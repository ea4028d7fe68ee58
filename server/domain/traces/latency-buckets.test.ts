import { describe, expect, it } from "vitest";
import { bucketMiddleMs, bucketOf, quantileOf } from "./latency-buckets";

describe("latency buckets", () => {
  it("stand for every latency in them within 4.5 %", () => {
    for (const ms of [0.0013, 0.25, 1, 3.7, 42, 999.9, 12_345, 3_600_000]) {
      const middle = bucketMiddleMs(bucketOf(ms * 1e6));
      expect(Math.abs(middle - ms) / ms).toBeLessThan(0.045);
    }
  });

  it("put latencies under a microsecond, and negative ones, in bucket 0, read as 0", () => {
    expect(bucketOf(999)).toBe(0);
    expect(bucketOf(-5_000_000)).toBe(0);
    expect(bucketOf(1000)).toBe(1);
    expect(bucketMiddleMs(0)).toBe(0);
  });

  it("give quantiles as the middle of the bucket holding that rank", () => {
    // 10 latencies of 2 ms, 9 of 40 ms, 1 of 900 ms: rank 9 of 0..19 is the last 2 ms one, rank 18 is 40 ms.
    const counts = new Map<number, number>();
    const add = (ms: number, n: number) => counts.set(bucketOf(ms * 1e6), (counts.get(bucketOf(ms * 1e6)) ?? 0) + n);
    add(2, 10);
    add(40, 9);
    add(900, 1);
    expect(quantileOf(counts, 0.5)).toBeCloseTo(bucketMiddleMs(bucketOf(2e6)), 9);
    expect(quantileOf(counts, 0.95)).toBeCloseTo(bucketMiddleMs(bucketOf(40e6)), 9);
    expect(quantileOf(counts, 1)).toBeCloseTo(bucketMiddleMs(bucketOf(900e6)), 9);
    expect(quantileOf(new Map(), 0.5)).toBeNaN();
  });
});

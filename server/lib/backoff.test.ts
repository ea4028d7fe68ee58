import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./backoff";

describe("retryDelayMs", () => {
  const opts = { firstMs: 1_000, maxMs: 60_000, jitter: 0.2 };
  const noJitter = () => 1;
  it("waits firstMs before the first retry", () => {
    expect(retryDelayMs(1, opts, noJitter)).toBe(1_000);
  });
  it("doubles per retry", () => {
    expect([2, 3, 4].map((r) => retryDelayMs(r, opts, noJitter))).toEqual([2_000, 4_000, 8_000]);
  });
  it("is capped, even after very many retries", () => {
    expect(retryDelayMs(500, opts, noJitter)).toBe(60_000);
  });
  it("jitters down by at most the jitter fraction", () => {
    expect(retryDelayMs(4, opts, () => 0)).toBe(6_400);
    expect(retryDelayMs(4, { ...opts, jitter: 0.5 }, () => 0)).toBe(4_000);
  });
});

import { describe, expect, it } from "vitest";
import { backoffMs } from "./backoff";

describe("backoffMs", () => {
  const noJitter = () => 1;
  it("is the base interval with no failure", () => {
    expect(backoffMs(0, 1_000, 60_000, noJitter)).toBe(1_000);
  });
  it("doubles per failure", () => {
    expect([1, 2, 3].map((f) => backoffMs(f, 1_000, 60_000, noJitter))).toEqual([2_000, 4_000, 8_000]);
  });
  it("is capped, even after very many failures", () => {
    expect(backoffMs(500, 1_000, 60_000, noJitter)).toBe(60_000);
  });
  it("jitters down by at most 20%", () => {
    expect(backoffMs(3, 1_000, 60_000, () => 0)).toBe(6_400);
  });
});

import { describe, expect, it } from "vitest";
import { estimateTimeLag, offsetLag } from "./time-lag";

const s = (offset: number, time: number) => ({ offset, time });

describe("estimateTimeLag", () => {
  it("is zero when the group is at the newest log end", () => {
    expect(estimateTimeLag([s(100, 0), s(200, 10_000)], 200, 15_000)).toEqual({ seconds: 0, method: "zero" });
    expect(estimateTimeLag([s(200, 10_000)], 200, 15_000)).toEqual({ seconds: 0, method: "zero" });
  });

  it("needs two points otherwise", () => {
    expect(estimateTimeLag([], 5, 1_000)).toEqual({ seconds: null, method: "too-few-points" });
    expect(estimateTimeLag([s(10, 0)], 5, 1_000)).toEqual({ seconds: null, method: "too-few-points" });
  });

  it("interpolates inside the segment that contains the committed offset", () => {
    // The log end passed 150 at t=5 s (halfway between 100@0 and 200@10 s); now is 30 s.
    expect(estimateTimeLag([s(100, 0), s(200, 10_000), s(300, 20_000)], 150, 30_000)).toEqual({ seconds: 25, method: "interpolated" });
  });

  it("skips flat segments instead of dividing by zero, and uses the last moment the end stood at the offset", () => {
    // The end sat at 200 from 10 s to 20 s: records from offset 200 on were written after 20 s.
    expect(estimateTimeLag([s(100, 0), s(200, 10_000), s(200, 20_000), s(260, 30_000)], 200, 40_000)).toEqual({
      seconds: 20,
      method: "interpolated",
    });
  });

  it("extrapolates when the committed offset is older than the window", () => {
    // Slope 10 offsets/s over the window; offset 0 is 10 s before the oldest point (100@10 s).
    expect(estimateTimeLag([s(100, 10_000), s(200, 20_000)], 0, 25_000)).toEqual({ seconds: 25, method: "extrapolated" });
  });

  it("gives no estimate over a window with no growth when the group is behind it", () => {
    expect(estimateTimeLag([s(100, 0), s(100, 10_000)], 50, 20_000)).toEqual({ seconds: null, method: "flat-window" });
  });

  it("never returns a negative lag (clock skew between samples and now)", () => {
    expect(estimateTimeLag([s(100, 0), s(200, 10_000)], 150, 1_000)).toEqual({ seconds: 0, method: "interpolated" });
  });
});

describe("offsetLag", () => {
  it("is end minus committed, clamped at zero, and null when nothing is committed", () => {
    expect(offsetLag(120, 100)).toBe(20);
    expect(offsetLag(100, 101)).toBe(0);
    expect(offsetLag(100, null)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { ratePerSecond, secondsToDrain } from "./drain";

describe("ratePerSecond", () => {
  it("is the offset growth over the window's time", () => {
    expect(
      ratePerSecond([
        { offset: 100, time: 0 },
        { offset: 150, time: 5_000 },
        { offset: 300, time: 20_000 },
      ]),
    ).toBe(10);
  });
  it("is null without two points apart in time, and never negative", () => {
    expect(ratePerSecond([])).toBeNull();
    expect(ratePerSecond([{ offset: 1, time: 5 }])).toBeNull();
    expect(
      ratePerSecond([
        { offset: 1, time: 5 },
        { offset: 9, time: 5 },
      ]),
    ).toBeNull();
    expect(
      ratePerSecond([
        { offset: 50, time: 0 },
        { offset: 10, time: 1_000 },
      ]),
    ).toBe(0);
  });
});

describe("secondsToDrain", () => {
  it("divides the lag by the net consume rate", () => {
    expect(secondsToDrain(100, 12, 2)).toBe(10);
  });
  it("is 0 without lag and null when the lag is not shrinking or a rate is unknown", () => {
    expect(secondsToDrain(0, null, null)).toBe(0);
    expect(secondsToDrain(100, 2, 2)).toBeNull();
    expect(secondsToDrain(100, 1, 2)).toBeNull();
    expect(secondsToDrain(100, null, 2)).toBeNull();
    expect(secondsToDrain(null, 5, 1)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { recentValue } from "./recent-value";

function counter() {
  let computed = 0;
  let clock = 1_000;
  let fail = false;
  const get = recentValue(
    10_000,
    async () => {
      computed++;
      if (fail) throw new Error("database away");
      return `value ${computed}`;
    },
    () => clock,
  );
  return {
    get,
    computed: () => computed,
    advance: (ms: number) => void (clock += ms),
    failNext: (f: boolean) => void (fail = f),
  };
}

describe("recentValue", () => {
  it("computes once for callers asking at the same time, and keeps the value for its age", async () => {
    const c = counter();
    expect(await Promise.all([c.get(), c.get(), c.get()])).toEqual(["value 1", "value 1", "value 1"]);
    c.advance(9_999);
    expect(await c.get()).toBe("value 1");
    expect(c.computed()).toBe(1);
  });

  it("computes again once the value is as old as allowed", async () => {
    const c = counter();
    await c.get();
    c.advance(10_000);
    expect(await c.get()).toBe("value 2");
  });

  it("keeps no failure: the next caller computes again", async () => {
    const c = counter();
    c.failNext(true);
    await expect(c.get()).rejects.toThrow("database away");
    c.failNext(false);
    expect(await c.get()).toBe("value 2");
  });
});

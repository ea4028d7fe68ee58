import { describe, expect, it } from "vitest";
import { appendTo } from "./append-to";

describe("appendTo", () => {
  it("groups values under their keys in arrival order, growing one list per key", () => {
    const m = new Map<string, number[]>();
    appendTo(m, "a", 1);
    const first = m.get("a");
    appendTo(m, "b", 2);
    appendTo(m, "a", 3);
    expect([...m]).toEqual([
      ["a", [1, 3]],
      ["b", [2]],
    ]);
    expect(m.get("a")).toBe(first);
  });
});

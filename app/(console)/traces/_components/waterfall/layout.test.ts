import { describe, expect, it } from "vitest";
import type { JourneyRow } from "@/server/domain/traces";
import { layoutBar, ticks, windowFromDrag } from "./layout";
import { collapseBelow, visibleRows } from "./rows";

describe("waterfall layout", () => {
  it("places bars as fractions of the view, clipping at its edges", () => {
    expect(layoutBar(10, 20, 100, { start: 0, end: 1 })).toEqual({
      left: 0.1,
      width: expect.closeTo(0.2, 9),
      clippedLeft: false,
      clippedRight: false,
    });
    // Zoomed into 20%..60%: a bar from 10 to 30 ms starts before the view.
    const bar = layoutBar(10, 20, 100, { start: 0.2, end: 0.6 })!;
    expect([bar.left, bar.width, bar.clippedLeft, bar.clippedRight]).toEqual([0, expect.closeTo(0.25, 9), true, false]);
    expect(layoutBar(70, 5, 100, { start: 0.2, end: 0.6 })).toBeNull();
    // A zero-length journey still lays out.
    expect(layoutBar(0, 0, 0, { start: 0, end: 1 })).toEqual({ left: 0, width: 0, clippedLeft: false, clippedRight: false });
  });

  it("labels ticks in journey time and reads minimap drags either way", () => {
    expect(ticks(200, { start: 0.5, end: 1 }, 2)).toEqual([
      { at: 0, ms: 100 },
      { at: 0.5, ms: 150 },
      { at: 1, ms: 200 },
    ]);
    expect(windowFromDrag(0.8, 0.3)).toEqual({ start: 0.3, end: 0.8 });
    expect(windowFromDrag(0.5, 0.5005)).toBeNull();
  });
});

const row = (key: string, depth: number, childCount: number) => ({ key, depth, childCount }) as JourneyRow;

describe("visible rows", () => {
  const rows = [row("a", 0, 2), row("b", 1, 1), row("c", 2, 0), row("d", 1, 0), row("e", 0, 0)];
  it("hides the descendants of collapsed rows only", () => {
    expect(visibleRows(rows, new Set()).map((r) => r.key)).toEqual(["a", "b", "c", "d", "e"]);
    expect(visibleRows(rows, new Set(["b"])).map((r) => r.key)).toEqual(["a", "b", "d", "e"]);
    expect(visibleRows(rows, new Set(["a"])).map((r) => r.key)).toEqual(["a", "e"]);
    expect(visibleRows(rows, new Set(["c"])).map((r) => r.key)).toEqual(["a", "b", "c", "d", "e"]);
  });
  it("collapses below a depth", () => {
    expect([...collapseBelow(rows, 1)]).toEqual(["b"]);
  });
});

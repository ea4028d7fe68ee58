import { describe, expect, it } from "vitest";
import { mergeSpanBatches, type SpanBatch } from "./span-lines";

const batch = (rows: string, links: string | null, resources: [string, number][], days: number[]): SpanBatch => ({
  rows: Buffer.from(rows),
  count: rows.split("\n").length - 1,
  links: links === null ? null : Buffer.from(links),
  resources: resources.map(([id, lastDay]) => ({ id, json: `{"service.name":"${id}"}`, lastDay })),
  days,
});

describe("mergeSpanBatches", () => {
  it("puts the lines end to end and names a shared resource once, with the latest day", () => {
    const merged = mergeSpanBatches([
      batch(
        "a\nb\n",
        null,
        [
          ["r1", 20_000],
          ["r2", 20_000],
        ],
        [20_000],
      ),
      batch("c\n", "l1\n", [["r1", 20_001]], [20_001]),
      batch("d\n", "l2\n", [["r2", 19_999]], [20_000]),
    ]);
    expect(Buffer.from(merged.rows).toString()).toBe("a\nb\nc\nd\n");
    expect(merged.count).toBe(4);
    expect(Buffer.from(merged.links!).toString()).toBe("l1\nl2\n");
    expect(merged.resources.map((r) => [r.id, r.lastDay])).toEqual([
      ["r1", 20_001],
      ["r2", 20_000],
    ]);
    expect(merged.days.sort()).toEqual([20_000, 20_001]);
  });

  it("has no link lines when none of the batches has any", () => {
    expect(mergeSpanBatches([batch("a\n", null, [], [1]), batch("b\n", null, [], [1])]).links).toBeNull();
  });
});

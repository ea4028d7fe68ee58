import { describe, expect, it } from "vitest";
import { groupedWriter } from "./grouped-writes";

/** A write the test finishes by hand, so what is in flight and what waits is decided by the test, not by timing. */
function gatedWrites(failWhen: (items: number[]) => boolean = () => false) {
  const calls: { items: number[]; finish: () => void }[] = [];
  const write = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ items, finish: () => (failWhen(items) ? reject(new Error(`refused ${items.join(",")}`)) : resolve()) });
    });
  /** Finishes the oldest write still open, then lets the writer start its next one. */
  const finishNext = async () => {
    const open = calls.find((c) => !("done" in c));
    if (!open) throw new Error("no write in flight");
    Object.assign(open, { done: true });
    open.finish();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { calls, write, finishNext };
}

const settled = (p: Promise<void>) =>
  p.then(
    () => "written",
    (e: Error) => e.message,
  );

describe("groupedWriter", () => {
  it("writes an item at once when nothing is in flight, and what arrives meanwhile together next", async () => {
    const w = gatedWrites();
    const write = groupedWriter<number>({ write: w.write, size: () => 1, maxSize: 10 });
    const results = [1, 2, 3, 4].map((n) => settled(write(n)));
    expect(w.calls.map((c) => c.items)).toEqual([[1]]);
    await w.finishNext();
    expect(w.calls.map((c) => c.items)).toEqual([[1], [2, 3, 4]]);
    await w.finishNext();
    expect(await Promise.all(results)).toEqual(["written", "written", "written", "written"]);
  });

  it("closes a group at maxSize and writes an item larger than it alone", async () => {
    const w = gatedWrites();
    const write = groupedWriter<number>({ write: w.write, size: (n) => n, maxSize: 10 });
    const results = [1, 4, 6, 12, 3, 3].map((n) => settled(write(n)));
    for (let i = 0; i < 4; i++) await w.finishNext();
    expect(w.calls.map((c) => c.items)).toEqual([[1], [4, 6], [12], [3, 3]]);
    expect(await Promise.all(results)).toEqual(Array(6).fill("written"));
  });

  it("a group that fails is written again item by item: only the item that fails hears of it", async () => {
    const w = gatedWrites((items) => items.includes(7));
    const write = groupedWriter<number>({ write: w.write, size: () => 1, maxSize: 10 });
    const results = [1, 5, 7, 9].map((n) => settled(write(n)));
    await w.finishNext(); // [1]
    await w.finishNext(); // [5, 7, 9] refused
    for (let i = 0; i < 3; i++) await w.finishNext(); // 5, 7, 9 alone
    expect(w.calls.map((c) => c.items)).toEqual([[1], [5, 7, 9], [5], [7], [9]]);
    expect(await Promise.all(results)).toEqual(["written", "written", "refused 7", "written"]);
  });

  it("goes on with what waits after a failure, and starts again once idle", async () => {
    const w = gatedWrites((items) => items[0] === 1);
    const write = groupedWriter<number>({ write: w.write, size: () => 1, maxSize: 10 });
    const first = [1, 2].map((n) => settled(write(n)));
    await w.finishNext();
    await w.finishNext();
    expect(await Promise.all(first)).toEqual(["refused 1", "written"]);
    const later = settled(write(3));
    expect(w.calls.at(-1)!.items).toEqual([3]);
    await w.finishNext();
    expect(await later).toBe("written");
  });
});

// Shared by the benchmarks that time the same operations at two sizes (a baseline size and the size
// under test): each operation run once to warm caches, then its median of `runs`, and one table of
// both sizes with their ratio.
import { median } from "./args";

export type Timings = Record<string, number>;

export async function timeEach(operations: Record<string, () => Promise<unknown>>, runs: number): Promise<Timings> {
  const out: Timings = {};
  for (const [name, run] of Object.entries(operations)) {
    await run();
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    out[name] = median(times);
  }
  return out;
}

export function printAtTwoSizes(title: string, small: Timings, large: Timings) {
  console.log(`\n${title}`);
  for (const name of Object.keys(large)) {
    console.log(
      `${name.padEnd(40)} ${small[name]!.toFixed(1).padStart(8)} ms ${large[name]!.toFixed(1).padStart(9)} ms · ratio ${(large[name]! / small[name]!).toFixed(2)}`,
    );
  }
}

// Names sorted once, so that a glob with a fixed start ("orders-*", a whole name) finds its names by
// binary search instead of testing every one: 1,000 alert rules over 20,000 consumer groups tested
// 20 million names an evaluation.
import { globAffixes, globMatcher } from "./safe-regex";

export class GlobIndex<T> {
  /** positions into `items`, by name (UTF-16 code units, the order startsWith agrees with) */
  private readonly sorted: number[];
  private readonly names: string[];

  constructor(
    private readonly items: T[],
    name: (item: T) => string,
  ) {
    this.names = items.map(name);
    this.sorted = items
      .map((_, i) => i)
      .sort((a, b) => (this.names[a]! < this.names[b]! ? -1 : this.names[a]! > this.names[b]! ? 1 : a - b));
  }

  /** The items whose name matches `glob` (globMatcher's rules, case-sensitive), in their given order. */
  matching(glob: string): T[] {
    const matches = globMatcher(glob);
    const parts = globAffixes(glob);
    if (!parts) return this.items.filter((_, i) => matches(this.names[i]!));
    // Every name that can match starts with the glob's fixed start: they sit together in sorted order.
    const found: number[] = [];
    for (let k = this.lowerBound(parts.prefix); k < this.sorted.length; k++) {
      const i = this.sorted[k]!;
      if (!this.names[i]!.startsWith(parts.prefix)) break;
      if (matches(this.names[i]!)) found.push(i);
    }
    return found.sort((a, b) => a - b).map((i) => this.items[i]!);
  }

  /** The first position in `sorted` whose name is not below `prefix`. */
  private lowerBound(prefix: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.names[this.sorted[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

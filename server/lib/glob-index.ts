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
    const parts = globAffixes(glob);
    if (!parts) {
      const matches = globMatcher(glob);
      return this.items.filter((_, i) => matches(this.names[i]!));
    }
    const { prefix, suffix, star } = parts;
    const found: number[] = [];
    for (let k = this.lowerBound(prefix); k < this.sorted.length; k++) {
      const i = this.sorted[k]!;
      const n = this.names[i]!;
      if (!n.startsWith(prefix)) break;
      if (star ? n.length >= prefix.length + suffix.length && n.endsWith(suffix) : n === prefix) found.push(i);
      else if (!star) break; // past the exact name: longer names that start with it follow
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

// How readable a layout is, as one number to compare two layouts of the same graph by: how many pairs of
// edges cross, each edge drawn straight from its source's right side to its target's left side (where
// the lineage page's curves start and end). Pairs that share a node never count. Quadratic in edges:
// a second or so at 15,000 edges, for a bench only.
type Point = [number, number];
type Size = { width: number; height: number };

const turn = (a: Point, b: Point, c: Point) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));

export function edgeCrossings(positions: Record<string, Point>, edges: { from: string; to: string }[], size: Size): number {
  const segments = edges.flatMap((e) => {
    const a = positions[e.from];
    const b = positions[e.to];
    if (!a || !b || e.from === e.to) return [];
    const from: Point = [a[0] + size.width, a[1] + size.height / 2];
    const to: Point = [b[0], b[1] + size.height / 2];
    return [{ e, from, to, minX: Math.min(from[0], to[0]), maxX: Math.max(from[0], to[0]) }];
  });
  // Sorted by left end: a segment only meets those that start before it ends.
  segments.sort((p, q) => p.minX - q.minX);
  let count = 0;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    for (let j = i + 1; j < segments.length && segments[j]!.minX < s.maxX; j++) {
      const t = segments[j]!;
      if (s.e.from === t.e.from || s.e.from === t.e.to || s.e.to === t.e.from || s.e.to === t.e.to) continue;
      if (turn(s.from, s.to, t.from) * turn(s.from, s.to, t.to) < 0 && turn(t.from, t.to, s.from) * turn(t.from, t.to, s.to) < 0) count++;
    }
  }
  return count;
}

// Which rows of a pre-order journey are on screen: descendants of a collapsed row are hidden.
// Rows arrive in pre-order with their depth, so one pass suffices.
import type { JourneyRow } from "@/server/domain/traces";

export function visibleRows(rows: JourneyRow[], collapsed: ReadonlySet<string>): JourneyRow[] {
  const out: JourneyRow[] = [];
  let hideDeeperThan = Infinity;
  for (const row of rows) {
    if (row.depth > hideDeeperThan) continue;
    hideDeeperThan = Infinity;
    out.push(row);
    if (collapsed.has(row.key) && row.childCount > 0) hideDeeperThan = row.depth;
  }
  return out;
}

/** The row keys that collapse a journey to its first `depth` levels (the default view of a large one). */
export function collapseBelow(rows: JourneyRow[], depth: number): Set<string> {
  return new Set(rows.filter((r) => r.depth >= depth && r.childCount > 0).map((r) => r.key));
}

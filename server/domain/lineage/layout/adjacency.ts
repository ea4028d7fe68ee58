// Who feeds each node and whom each node feeds, by id: what both layout helpers (the draft and the
// extension of a kept layout) walk.
import { appendTo } from "@/server/lib/append-to";

export function adjacency(edges: { from: string; to: string }[]) {
  const into = new Map<string, string[]>();
  const out = new Map<string, string[]>();
  for (const e of edges) {
    appendTo(into, e.to, e.from);
    appendTo(out, e.from, e.to);
  }
  return { into, out };
}

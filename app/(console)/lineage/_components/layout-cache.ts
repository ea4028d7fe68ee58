// Layouts kept in the browser, keyed by the graph's shape (its node and edge ids): opening the lineage
// of an unchanged estate again draws it at once instead of running ELK for seconds. A few shapes are
// kept (the whole graph and recent focus views); the oldest goes first.
export type Positions = Map<string, { x: number; y: number }>;

// Part of every key: a change of the layout's options or node size makes old entries unreachable.
const VERSION = "v1";
const PREFIX = "eventplane:lineage-layout:";
const INDEX = `${PREFIX}index`;
const KEEP = 6;

export async function shapeKey(nodeIds: string[], edgeIds: string[]): Promise<string> {
  const text = `${VERSION}\n${nodeIds.join("\n")}\n#\n${edgeIds.join("\n")}`;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // storage disabled by the browser's settings
  }
}

/** The kept layout of this shape, if it places every node. */
export function keptLayout(key: string, nodeIds: string[]): Positions | null {
  const raw = storage()?.getItem(PREFIX + key);
  if (!raw) return null;
  try {
    const positions: Positions = new Map(Object.entries(JSON.parse(raw) as Record<string, { x: number; y: number }>));
    return nodeIds.every((id) => positions.has(id)) ? positions : null;
  } catch {
    return null;
  }
}

export function keepLayout(key: string, positions: Positions): void {
  const store = storage();
  if (!store) return;
  try {
    const index = (JSON.parse(store.getItem(INDEX) ?? "[]") as string[]).filter((k) => k !== key);
    index.push(key);
    while (index.length > KEEP) store.removeItem(PREFIX + index.shift()!);
    const rounded = Object.fromEntries([...positions].map(([id, p]) => [id, { x: Math.round(p.x), y: Math.round(p.y) }]));
    store.setItem(PREFIX + key, JSON.stringify(rounded));
    store.setItem(INDEX, JSON.stringify(index));
  } catch {
    // Full or refused: the layout is simply computed again next time.
  }
}

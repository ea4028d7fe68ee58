// The lineage view a page address asks for. The server (prefetching the first view) and the browser
// read it from the same parameters with this one function, so the prefetched answer is used only for
// exactly the view the browser shows.
export const DIRECTIONS = { both: "up and downstream", upstream: "upstream", downstream: "downstream" } as const;

export type ViewFilter = {
  clusterId?: string;
  team?: string;
  search?: string;
  focus?: string;
  hops: number;
  direction: keyof typeof DIRECTIONS;
  collapse?: "team" | "cluster";
};

/** One node per team or per cluster: how a large estate is read by owner. */
export const COLLAPSE = [
  ["team", "One node per team"],
  ["cluster", "One node per cluster"],
] as const;

export function viewFilter(get: (name: string) => string | null | undefined): ViewFilter {
  const hops = Number(get("hops") ?? 2);
  const dir = get("dir") ?? "both";
  return {
    clusterId: get("cluster") || undefined,
    team: get("team") || undefined,
    search: get("q") || undefined,
    focus: get("focus") || undefined,
    hops: Number.isInteger(hops) && hops >= 1 && hops <= 10 ? hops : 2,
    direction: dir in DIRECTIONS ? (dir as ViewFilter["direction"]) : "both",
    collapse: COLLAPSE.find(([k]) => k === get("collapse"))?.[0],
  };
}

export const sameView = (a: ViewFilter, b: ViewFilter) => JSON.stringify(a) === JSON.stringify(b);

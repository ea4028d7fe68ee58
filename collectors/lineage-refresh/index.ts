// Lineage: fold new messaging spans and committed offsets into observed edges, and the spans into the
// per-minute flow counts that rates and the scorecard read; lay out the views people open first when
// their shape changed (the ELK layout runs in a thread of its own).
import { env } from "@/env";
import { prepareLayouts, refreshObservedEdges } from "@/server/domain/lineage";
import { foldSpanFlows } from "@/server/domain/traces";
import type { Collector } from "../runtime/collector";

export function lineageRefresh(): Collector {
  return {
    name: "lineage",
    intervalMs: env.LINEAGE_REFRESH_INTERVAL_MS,
    tick: async () => {
      await foldSpanFlows();
      await refreshObservedEdges();
    },
  };
}

/** Less often than the refresh: each pass reads the whole graph to learn whether its shape changed. */
const LAYOUT_INTERVAL_MS = 15_000;

export function lineageLayouts(): Collector {
  return {
    name: "lineage-layouts",
    intervalMs: Math.max(LAYOUT_INTERVAL_MS, env.LINEAGE_REFRESH_INTERVAL_MS),
    tick: async () => void (await prepareLayouts()),
  };
}

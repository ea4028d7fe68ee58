// Lineage: fold new messaging spans and committed offsets into observed edges.
import { env } from "@/env";
import { refreshObservedEdges } from "@/server/domain/lineage";
import type { Collector } from "../runtime/collector";

export function lineageRefresh(): Collector {
  return { name: "lineage", intervalMs: env.LINEAGE_REFRESH_INTERVAL_MS, tick: async () => void (await refreshObservedEdges()) };
}

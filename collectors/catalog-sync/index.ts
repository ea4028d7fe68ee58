// The catalog: every connected cluster read on its own schedule (leases share clusters between
// workers; an unreachable cluster backs off), its snapshot recorded through the domain.
import { env } from "@/env";
import type { Collector } from "../runtime/collector";
import { createCatalogScheduler } from "./scheduler";

export function catalogSync(): Collector {
  const lastState = new Map<string, boolean>();
  const scheduler = createCatalogScheduler({
    intervalMs: env.CATALOG_SYNC_INTERVAL_MS,
    maxBackoffMs: env.COLLECTOR_MAX_BACKOFF_MS,
    configIntervalMs: Math.max(60_000, env.CATALOG_SYNC_INTERVAL_MS * 6),
    leaseTtlMs: env.CATALOG_LEASE_TTL_MS,
    onResult(cluster, r) {
      // Log transitions, not every cycle: a healthy worker is quiet.
      if (lastState.get(cluster) !== r.ok) {
        if (r.ok) console.log(`[catalog] ${cluster}: synced ${r.topics} topics, ${r.groups} groups in ${Math.round(r.elapsedMs)} ms`);
        else console.warn(`[catalog] ${cluster}: unreachable: ${r.error}`);
        lastState.set(cluster, r.ok);
      }
      if (r.warning) console.warn(`[catalog] ${cluster}: ${r.warning}`);
    },
    onError: (cluster, e) => console.error(`[catalog] ${cluster}: could not record the snapshot:`, e),
  });
  // The scheduler decides per cluster when it is due; the loop only wakes it up.
  return {
    name: "catalog",
    intervalMs: Math.min(1_000, env.CATALOG_SYNC_INTERVAL_MS),
    tick: () => scheduler.tick(),
    stop: () => scheduler.stop(),
  };
}

// Decides, per cluster, when the next sync is due: every interval while it answers; with capped
// exponential back-off while it does not, so a dead broker is not hammered, and recovery is automatic.
import { listClusterTargets } from "@/server/domain/topics";
import { backoffMs } from "../runtime/backoff";
import { syncCluster, type SyncResult } from "./sync-cluster";

interface ClusterState {
  failures: number;
  nextAt: number;
  lastConfigsAt: number;
}

export interface CatalogSchedulerOptions {
  intervalMs: number;
  maxBackoffMs: number;
  /** Topic configs are big and change rarely: refreshed at most this often (and on first sight). */
  configIntervalMs: number;
  onResult?: (cluster: string, result: SyncResult) => void;
}

export function createCatalogScheduler(opts: CatalogSchedulerOptions) {
  const state = new Map<string, ClusterState>();
  return async function tick(now = Date.now()): Promise<void> {
    const targets = await listClusterTargets();
    for (const id of state.keys()) if (!targets.some((t) => t.id === id)) state.delete(id);
    for (const target of targets) {
      const s = state.get(target.id) ?? { failures: 0, nextAt: 0, lastConfigsAt: 0 };
      state.set(target.id, s);
      if (now < s.nextAt) continue;
      const withConfigs = now - s.lastConfigsAt >= opts.configIntervalMs;
      const result = await syncCluster(target, { withConfigs });
      opts.onResult?.(target.name, result);
      if (result.ok) {
        s.failures = 0;
        s.nextAt = now + opts.intervalMs;
        if (withConfigs) s.lastConfigsAt = now;
      } else {
        s.failures += 1;
        s.nextAt = Date.now() + backoffMs(s.failures, opts.intervalMs, opts.maxBackoffMs);
      }
    }
  };
}

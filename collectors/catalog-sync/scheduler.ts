// Decides, per cluster, when the next sync is due: every interval while it answers; with capped
// exponential back-off while it does not, so a dead broker is not hammered, and recovery is automatic.
// Clusters sync side by side (up to `concurrency` at once): one slow or dead cluster, waiting on its
// connection timeouts, never delays the others.
import { SpanStatusCode, trace } from "@opentelemetry/api";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { claimClusterLease, listClusterTargets, releaseClusterLeases, type ClusterTarget } from "@/server/domain/connections";
import { retryDelayMs } from "@/server/lib/backoff";
import { syncCluster, type SyncResult } from "./sync-cluster";

// One span per sync when self-tracing is on (EVENTPLANE_SELF_TRACING); a no-op tracer otherwise.
const tracer = trace.getTracer("eventplane-worker");

interface ClusterState {
  failures: number;
  nextAt: number;
  lastConfigsAt: number;
  running: boolean;
}

export interface CatalogSchedulerOptions {
  intervalMs: number;
  maxBackoffMs: number;
  /** Topic configs are big and change rarely: refreshed at most this often (and on first sight). */
  configIntervalMs: number;
  concurrency?: number;
  /** Identifies this worker in cluster leases; unique per process by default. */
  workerId?: string;
  /** How long a lease lasts without renewal: how soon another worker takes over a dead one's clusters. */
  leaseTtlMs?: number;
  /** Which clusters this worker collects (all by default). */
  select?: (target: ClusterTarget) => boolean;
  /** Milliseconds since the epoch: lease expiry, due times and back-off all read it (tests move it). */
  clock?: () => number;
  onResult?: (cluster: string, result: SyncResult) => void;
  onError?: (cluster: string, error: unknown) => void;
}

export function createCatalogScheduler(opts: CatalogSchedulerOptions) {
  const state = new Map<string, ClusterState>();
  const inFlight = new Set<Promise<void>>();
  const limit = opts.concurrency ?? 4;
  const workerId = opts.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const leaseTtlMs = opts.leaseTtlMs ?? Math.max(30_000, 3 * opts.intervalMs);
  const clock = opts.clock ?? Date.now;
  const claim = (clusterId: string) => claimClusterLease(clusterId, workerId, leaseTtlMs, new Date(clock()));

  /** Starts the syncs that are due and returns without waiting for them. */
  async function tick(now = clock()): Promise<void> {
    const targets = (await listClusterTargets()).filter(opts.select ?? (() => true));
    for (const id of state.keys()) if (!targets.some((t) => t.id === id)) state.delete(id);
    for (const target of targets) {
      const s = state.get(target.id) ?? { failures: 0, nextAt: 0, lastConfigsAt: 0, running: false };
      state.set(target.id, s);
      if (s.running || now < s.nextAt || inFlight.size >= limit) continue;
      const withConfigs = now - s.lastConfigsAt >= opts.configIntervalMs;
      s.running = true;
      const run = claim(target.id)
        .then(async (mine) => {
          if (!mine) {
            s.nextAt = now + opts.intervalMs; // another worker has it; look again next interval
            return;
          }
          // A sync may outlast the lease (a slow or dead broker, many topics): renewed while it runs, so
          // no second worker starts collecting the same cluster meanwhile.
          const renewal = setInterval(() => void claim(target.id).catch(() => undefined), Math.max(100, leaseTtlMs / 3));
          const result = await tracer.startActiveSpan(`catalog sync ${target.name}`, async (span) => {
            try {
              const r = await syncCluster(target, { withConfigs });
              span.setAttributes({
                "eventplane.cluster": target.name,
                "eventplane.topics": r.ok ? r.topics : 0,
                "eventplane.with_configs": withConfigs,
              });
              if (!r.ok) span.setStatus({ code: SpanStatusCode.ERROR, message: r.error });
              return r;
            } finally {
              span.end();
              clearInterval(renewal);
            }
          });
          // The lease runs for a whole TTL from the end of the sync, not from its start.
          await claim(target.id);
          opts.onResult?.(target.name, result);
          if (result.ok) {
            s.failures = 0;
            s.nextAt = now + opts.intervalMs;
            if (withConfigs) s.lastConfigsAt = now;
          } else {
            s.failures += 1;
            // The first retry after one interval more, then doubling: a broker that restarts gets room.
            s.nextAt = clock() + retryDelayMs(s.failures, { firstMs: 2 * opts.intervalMs, maxMs: opts.maxBackoffMs, jitter: 0.2 });
          }
        })
        .catch((e) => {
          // A database error while recording: retry on the normal schedule, never crash the worker.
          opts.onError?.(target.name, e);
          s.nextAt = clock() + opts.intervalMs;
        })
        .finally(() => {
          s.running = false;
          inFlight.delete(run);
        });
      inFlight.add(run);
    }
  }

  /** Resolves when every sync started so far has finished (shutdown, tests). */
  async function idle(): Promise<void> {
    while (inFlight.size) await Promise.allSettled([...inFlight]);
  }

  /** Waits for the syncs in flight, then hands this worker's clusters to the others. */
  async function stop(): Promise<void> {
    await idle();
    await releaseClusterLeases(workerId);
  }

  return { tick, idle, stop, workerId };
}

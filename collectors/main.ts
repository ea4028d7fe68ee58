// The worker process: `tsx collectors/main.ts`. Runs the collectors until SIGTERM/SIGINT, then
// finishes the sync in progress and exits.
import { env } from "@/env";
import { resolve } from "node:path";
import { bootstrapIdentity, bootstrapMessage, systemActor } from "@/server/domain/identity";
import { closeConnections } from "@/server/lib/lifecycle";
import { allowedTargets, deliverDue, evaluateRules, publicUrl, sealLegacyEndpoints } from "@/server/domain/alerts";
import { probeDeadLetterHeaders, registerEnvCluster, scanDeadLetterClasses } from "@/server/domain/topics";
import { refreshObservedEdges } from "@/server/domain/lineage";
import { createCatalogScheduler } from "./catalog-sync/scheduler";
import { pruneOnce } from "./retention";
import { runLoop } from "./runtime/loop";
import { startSelfTracing } from "@/server/lib/self-tracing";

await startSelfTracing("eventplane-worker");
const controller = new AbortController();

for (const line of bootstrapMessage(
  await bootstrapIdentity({
    dataDir: resolve(env.EVENTPLANE_DATA_DIR),
    adminPassword: env.EVENTPLANE_ADMIN_PASSWORD,
    bootstrapToken: env.EVENTPLANE_BOOTSTRAP_TOKEN,
  }),
))
  console.log(`[worker] ${line}`);

// Webhooks saved before their URL and headers were encrypted are encrypted now, once.
const sealed = await sealLegacyEndpoints();
if (sealed) console.log(`[worker] encrypted the URL and headers of ${sealed} webhook(s) saved before they were`);

if (env.KAFKA_BROKERS) {
  await registerEnvCluster(systemActor("startup"), env.KAFKA_BROKERS, env.KAFKA_CLIENT_ID);
  console.log(`[worker] cluster "local" → ${env.KAFKA_BROKERS}`);
}

const lastState = new Map<string, boolean>();
const catalog = createCatalogScheduler({
  intervalMs: env.CATALOG_SYNC_INTERVAL_MS,
  maxBackoffMs: env.COLLECTOR_MAX_BACKOFF_MS,
  configIntervalMs: Math.max(60_000, env.CATALOG_SYNC_INTERVAL_MS * 6),
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
const loops = [
  runLoop("catalog", Math.min(1_000, env.CATALOG_SYNC_INTERVAL_MS), () => catalog.tick(), controller.signal),
  runLoop("retention", 60_000, async () => void (await pruneOnce()), controller.signal),
];
// Alerts: evaluation on its own interval; the outbox is drained every second. Failures are logged
// and retried next cycle: the outbox keeps every notification until it is delivered.
const externalUrl = publicUrl();
loops.push(
  runLoop("alerts", env.ALERT_EVALUATION_INTERVAL_MS, async () => void (await evaluateRules({ externalUrl })), controller.signal),
  runLoop(
    "webhooks",
    1_000,
    async () =>
      void (await deliverDue({
        allowed: allowedTargets(),
        timeoutMs: env.WEBHOOK_TIMEOUT_MS,
        leaseMs: 2 * env.WEBHOOK_TIMEOUT_MS + 5_000,
      })),
    controller.signal,
  ),
);
// Dead-letter queues: note each exception class the first time a queue holds it (rules fire on new
// ones), and probe a few other topics' newest records for dead-letter headers.
loops.push(
  runLoop(
    "dead-letters",
    env.DLQ_SCAN_INTERVAL_MS,
    async () => {
      const r = await scanDeadLetterClasses();
      for (const c of r.newClasses) console.log(`[dead-letters] new exception class in ${c.topic}: ${c.exceptionClass}`);
      const probe = await probeDeadLetterHeaders();
      for (const t of probe.found) console.log(`[dead-letters] ${t} carries dead-letter headers: marked as a DLQ`);
      for (const e of [...r.errors, ...probe.errors]) console.warn(`[dead-letters] could not read ${e}`);
    },
    controller.signal,
  ),
);
// Lineage: fold new spans and committed offsets into observed edges.
loops.push(runLoop("lineage", env.LINEAGE_REFRESH_INTERVAL_MS, async () => void (await refreshObservedEdges()), controller.signal));
console.log(`[worker] running; catalog sync every ${env.CATALOG_SYNC_INTERVAL_MS} ms`);

async function shutdown(signal: string) {
  console.log(`[worker] ${signal}: finishing the current cycle…`);
  controller.abort();
  await Promise.all(loops.map((l) => l.stopped));
  await catalog.stop();
  await closeConnections();
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));

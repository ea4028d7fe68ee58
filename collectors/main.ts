// The worker process: `tsx collectors/main.ts`. Runs the collectors until SIGTERM/SIGINT, then
// finishes the pass in progress of each and exits.
import { env } from "@/env";
import { resolve } from "node:path";
import { registerEnvCluster, registerEnvNats, registerEnvRabbit } from "@/server/domain/connections";
import { bootstrapIdentity, bootstrapMessage, systemActor } from "@/server/domain/identity";
import { sealLegacyEndpoints, setFindingSource } from "@/server/domain/alerts";
import { openFindingsForAlerts } from "@/server/domain/scorecard";
import { closeConnections } from "@/server/lib/lifecycle";
import { startSelfTracing } from "@/server/lib/self-tracing";
import { alertEvaluator } from "./alert-evaluator";
import { catalogSync } from "./catalog-sync";
import { deadLetterScan } from "./dead-letter-scan";
import { jetStreamAdvisories } from "./jetstream-advisories";
import { lineageLayouts, lineageRefresh } from "./lineage-refresh";
import { retentionCollector } from "./retention";
import { scorecard } from "./scorecard";
import type { Collector } from "./runtime/collector";
import { runLoop } from "./runtime/loop";
import { webhookDelivery } from "./webhook-delivery";

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
if (env.RABBITMQ_URL) {
  await registerEnvRabbit(systemActor("startup"), env.RABBITMQ_URL, env.RABBITMQ_AMQP_URL);
  console.log(`[worker] connection "local-rabbitmq" → ${new URL(env.RABBITMQ_URL).origin}`);
}
if (env.NATS_URL) {
  await registerEnvNats(systemActor("startup"), env.NATS_URL);
  console.log(`[worker] connection "local-nats" → ${env.NATS_URL.replace(/\/\/[^@/,]*@/g, "//")}`);
}

// Alert rules of kind "scorecard finding" read the scorecard's open findings (see scorecard-findings.ts).
setFindingSource(() => openFindingsForAlerts());

const collectors: Collector[] = [
  catalogSync(),
  retentionCollector(),
  alertEvaluator(),
  webhookDelivery(),
  deadLetterScan(),
  jetStreamAdvisories(),
  lineageRefresh(),
  lineageLayouts(),
  scorecard(),
];
const loops = collectors.map((c) => runLoop(c.name, c.intervalMs, () => c.tick(), controller.signal));
console.log(`[worker] running: ${collectors.map((c) => c.name).join(", ")}; catalog sync every ${env.CATALOG_SYNC_INTERVAL_MS} ms`);

async function shutdown(signal: string) {
  console.log(`[worker] ${signal}: finishing the current cycle…`);
  controller.abort();
  await Promise.all(loops.map((l) => l.stopped));
  for (const c of collectors) await c.stop?.();
  await closeConnections();
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));

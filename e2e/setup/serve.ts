// Playwright's webServer: starts a real Kafka, RabbitMQ node and NATS server for the browser tests,
// then Eventplane itself through the same launcher users run (npm start), in a throw-away data dir,
// and tears all of them down on SIGTERM.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { defaultCacheDir, ensureKafkaJars, startKafka } from "@/scripts/lib/kafka-broker";
import { startNats } from "@/scripts/lib/nats-server";
import { freePort } from "@/scripts/lib/ports";
import { startRabbit } from "@/scripts/lib/rabbitmq-node";

const root = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "eventplane-e2e-"));
chmodSync(dir, 0o755);

const libs = ensureKafkaJars(defaultCacheDir(process.env.EVENTPLANE_CACHE_DIR));
const broker = await startKafka({ libs, dataDir: join(dir, "kafka"), port: await freePort(), controllerPort: await freePort() });
// The specs connect these through the Settings page, as a person would: none is registered by env.
const rabbit = await startRabbit({
  dataDir: join(dir, "rabbitmq"),
  port: await freePort(),
  managementPort: await freePort(),
  distPort: await freePort(),
});
const nats = await startNats({ dataDir: join(dir, "nats"), port: await freePort() });
mkdirSync(join(root, "e2e/.state"), { recursive: true });
// The browser tests sign in as admin with this password; their direct API calls use this token.
const adminPassword = randomBytes(12).toString("base64url");
const token = `ept_${randomBytes(32).toString("base64url")}`;
writeFileSync(
  join(root, "e2e/.state/stack.json"),
  JSON.stringify({
    brokers: broker.brokers,
    adminPassword,
    token,
    rabbitManagementUrl: rabbit.managementUrl,
    rabbitAmqpUrl: rabbit.amqpUrl,
    natsUrl: nats.url,
  }),
);

// With DATABASE_URL, a fresh database on that server, so earlier runs leave nothing behind.
const external = process.env.DATABASE_URL;
let databaseUrl: string | undefined;
const e2eDb = `eventplane_e2e_${Date.now()}`;
async function admin<T>(fn: (c: pg.Client) => Promise<T>) {
  const c = new pg.Client({ connectionString: external });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
if (external) {
  await admin((c) => c.query(`CREATE DATABASE "${e2eDb}"`));
  const u = new URL(external);
  u.pathname = `/${e2eDb}`;
  databaseUrl = u.toString();
}

const app = spawn(process.execPath, ["--import", "tsx", "scripts/launch.ts"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PORT: process.env.E2E_PORT ?? "3107",
    EVENTPLANE_DATA_DIR: join(dir, "data"),
    EVENTPLANE_PG_PORT: String(await freePort()),
    CATALOG_SYNC_INTERVAL_MS: "1000",
    ALERT_EVALUATION_INTERVAL_MS: "1000",
    LINEAGE_REFRESH_INTERVAL_MS: "1000",
    // The browser tests' webhook receiver listens on 127.0.0.1.
    WEBHOOK_ALLOW_TARGETS: "loopback",
    EVENTPLANE_ADMIN_PASSWORD: adminPassword,
    EVENTPLANE_BOOTSTRAP_TOKEN: token,
    KAFKA_BROKERS: "",
    RABBITMQ_URL: "",
    NATS_URL: "",
    DATABASE_URL: databaseUrl ?? "",
  },
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (app.exitCode === null) {
    app.kill("SIGTERM");
    await new Promise((r) => app.once("exit", r));
  }
  await broker.stop();
  await rabbit.stop();
  await nats.stop();
  if (external) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${e2eDb}" WITH (FORCE)`)).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
  process.exit(code);
}
app.once("exit", (code) => void stop(code ?? 1));
process.once("SIGTERM", () => void stop(0));
process.once("SIGINT", () => void stop(0));

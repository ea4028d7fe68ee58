// `npm start` / `npm run demo` / `npm run dev`: everything Eventplane needs, started in order and
// stopped in reverse on Ctrl-C: the embedded PostgreSQL (unless DATABASE_URL), the local Kafka, RabbitMQ
// and NATS and the demo traffic (demo only), the web process and the worker.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { get as httpGet } from "node:http";
import { get as httpsGet } from "node:https";
import { connect } from "node:net";
import { join, resolve } from "node:path";
import { env } from "@/env";
import { buildIsStale } from "./lib/build-state";
import { prepareDatabase } from "./lib/database";
import { defaultCacheDir, ensureKafkaJars, KafkaSetupError, startKafka, type KafkaBroker } from "./lib/kafka-broker";
import { NatsSetupError, natsInstalled, startNats, type NatsServer } from "./lib/nats-server";
import { freePort } from "./lib/ports";
import { RabbitSetupError, rabbitInstalled, startRabbit, type RabbitNode } from "./lib/rabbitmq-node";
import { loadOrCreateSecretKey } from "./lib/secret-key";
import { supervise, type Supervised } from "./lib/supervise";

const root = resolve(import.meta.dirname, "..");
const mode = process.argv.includes("--demo") ? "demo" : process.argv.includes("--dev") ? "dev" : "start";
const dataDir = resolve(env.EVENTPLANE_DATA_DIR);
const bin = (name: string) => join(root, "node_modules", ".bin", name);
const log = (s: string) => console.log(`[eventplane] ${s}`);

const children: { name: string; proc: ChildProcess }[] = [];
let kafka: KafkaBroker | undefined;
let rabbit: RabbitNode | undefined;
let nats: NatsServer | undefined;
// Workers are restarted when they crash: the web process (and the registry serializers call) stays up.
const workers: Supervised[] = [];
let signInHint: string | null = null;
let stopDb: () => Promise<void> = async () => undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log("stopping…");
  await Promise.all(workers.map((w) => w.stop()));
  await Promise.all(
    children.reverse().map(
      ({ proc }) =>
        new Promise<void>((done) => {
          if (proc.exitCode !== null || proc.signalCode !== null) return done();
          proc.once("exit", () => done());
          proc.kill("SIGTERM");
          setTimeout(() => proc.kill("SIGKILL"), 10_000).unref();
        }),
    ),
  );
  await Promise.all([kafka?.stop(), rabbit?.stop(), nats?.stop()]);
  await stopDb();
  log("stopped");
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

function run(name: string, cmd: string, args: string[], childEnv: NodeJS.ProcessEnv) {
  const proc = spawn(cmd, args, { cwd: root, env: childEnv, stdio: ["ignore", "inherit", "inherit"] });
  children.push({ name, proc });
  proc.once("exit", (code, signal) => {
    if (stopping) return;
    log(`${name} exited (${signal ?? code}); stopping everything`);
    void shutdown(code || 1);
  });
  return proc;
}

/** The health endpoint's status; TLS certificates are not checked (this is our own process, maybe self-signed). */
function healthStatus(url: string): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    const get = url.startsWith("https:") ? httpsGet : httpGet;
    get(`${url}/api/health`, { rejectUnauthorized: false }, (res) => {
      res.resume();
      resolveStatus(res.statusCode ?? 0);
    }).on("error", reject);
  });
}

/** The wanted port when it is free, else one the OS picks (a system broker may hold the standard one). */
async function portOr(wanted: number, what: string): Promise<number> {
  const taken = await new Promise<boolean>((done) => {
    const s = connect(wanted, "127.0.0.1");
    s.once("connect", () => (s.destroy(), done(true)));
    s.once("error", () => (s.destroy(), done(false)));
  });
  if (!taken) return wanted;
  const port = await freePort();
  log(`${what}: port ${wanted} is in use (another broker?), using ${port}`);
  return port;
}

/** The demo's RabbitMQ and NATS, each only when installed; a missing one is named and the rest runs. */
async function startDemoBrokers(): Promise<{ rabbitUrl?: string; rabbitAmqp?: string; natsUrl?: string }> {
  const out: { rabbitUrl?: string; rabbitAmqp?: string; natsUrl?: string } = {};
  if (env.RABBITMQ_URL) out.rabbitUrl = env.RABBITMQ_URL;
  else if (!rabbitInstalled()) log("RabbitMQ leg skipped: rabbitmq-server is not installed (apt-get install -y rabbitmq-server)");
  else {
    rabbit = await startRabbit({
      dataDir: join(dataDir, "rabbitmq"),
      port: await portOr(env.RABBITMQ_PORT, "RabbitMQ"),
      managementPort: await portOr(env.RABBITMQ_MANAGEMENT_PORT, "RabbitMQ management"),
      distPort: await freePort(),
    });
    out.rabbitUrl = rabbit.managementUrl;
    out.rabbitAmqp = rabbit.amqpUrl;
    log(`local RabbitMQ: AMQP ${rabbit.amqpUrl.replace(/\/\/[^@]*@/, "//")}, management ${new URL(rabbit.managementUrl).origin}`);
  }
  if (env.NATS_URL) out.natsUrl = env.NATS_URL;
  else if (!natsInstalled()) log("NATS leg skipped: nats-server is not installed (apt-get install -y nats-server)");
  else {
    nats = await startNats({ dataDir: join(dataDir, "nats"), port: await portOr(env.NATS_PORT, "NATS") });
    out.natsUrl = nats.url;
    log(`local NATS with JetStream on ${nats.url}`);
  }
  return out;
}

async function waitForWeb(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const status = await healthStatus(url);
      if (status === 200 || status === 503) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

try {
  const secretKey = env.EVENTPLANE_SECRET_KEY ?? loadOrCreateSecretKey(dataDir);
  const db = await prepareDatabase({ databaseUrl: env.DATABASE_URL, dataDir, pgPort: env.EVENTPLANE_PG_PORT, log });
  stopDb = db.stop;
  let brokers = env.KAFKA_BROKERS;
  if (mode === "demo" && !brokers) {
    const libs = ensureKafkaJars(defaultCacheDir(env.EVENTPLANE_CACHE_DIR), log);
    kafka = await startKafka({ libs, dataDir: join(dataDir, "kafka"), port: env.KAFKA_PORT });
    brokers = kafka.brokers;
    log(`local Kafka on ${brokers}`);
  }
  const demoBrokers = mode === "demo" ? await startDemoBrokers() : {};
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    EVENTPLANE_SECRET_KEY: secretKey,
    NEXT_TELEMETRY_DISABLED: "1",
    ...(brokers ? { KAFKA_BROKERS: brokers } : {}),
    ...(demoBrokers.rabbitUrl ? { RABBITMQ_URL: demoBrokers.rabbitUrl } : {}),
    ...(demoBrokers.rabbitAmqp ? { RABBITMQ_AMQP_URL: demoBrokers.rabbitAmqp } : {}),
    ...(demoBrokers.natsUrl ? { NATS_URL: demoBrokers.natsUrl } : {}),
    // The demo's webhook receiver listens on 127.0.0.1, which the SSRF guard refuses by default.
    ...(mode === "demo" ? { WEBHOOK_ALLOW_TARGETS: process.env.WEBHOOK_ALLOW_TARGETS || "loopback" } : {}),
  };
  // The first admin (or EVENTPLANE_ADMIN_PASSWORD / EVENTPLANE_BOOTSTRAP_TOKEN) before anyone can sign in.
  const bootstrap = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/bootstrap-identity.ts", ...(mode === "demo" ? ["--demo"] : [])],
    {
      cwd: root,
      env: childEnv,
      stdio: ["ignore", "pipe", "inherit"],
      encoding: "utf8",
    },
  );
  process.stdout.write(bootstrap.stdout ?? "");
  if (bootstrap.status !== 0) throw new Error("could not prepare the first sign-in (see above)");
  // Repeated under "ready", where people look: the sign-in the bootstrap printed, if any.
  const printed = (bootstrap.stdout ?? "").split("\n");
  // The demo's own sign-in first (it works at once); else a first start's one-time admin password.
  signInHint =
    (printed.find((l) => l.includes("demo sign-in")) ?? printed.find((l) => l.includes("sign in as")))
      ?.replace(/^\[eventplane\]\s*/, "")
      .trim() ?? null;
  if (mode !== "dev" && buildIsStale(root)) {
    log("building the web app (first start, or sources changed)…");
    const build = spawnSync(bin("next"), ["build"], { cwd: root, env: { ...childEnv, NODE_ENV: "production" }, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const host = env.HOST;
  const port = String(env.PORT);
  // Our own server around Next (scripts/web-server.ts): trusted proxy headers only, optional TLS.
  run("web", process.execPath, ["--import", "tsx", "scripts/web-server.ts", ...(mode === "dev" ? ["--dev"] : [])], {
    ...childEnv,
    NODE_ENV: mode === "dev" ? "development" : "production",
  });
  // `node --import tsx`, not the tsx CLI: the CLI relays signals through a wrapper process that can
  // SIGKILL its child mid-shutdown.
  // EVENTPLANE_WORKERS of them: they share clusters by leases and alert evaluation by a lock.
  for (let i = 0; i < env.EVENTPLANE_WORKERS; i++)
    workers.push(
      supervise(
        () =>
          spawn(process.execPath, ["--import", "tsx", "collectors/main.ts"], {
            cwd: root,
            env: childEnv,
            stdio: ["ignore", "inherit", "inherit"],
          }),
        { name: env.EVENTPLANE_WORKERS > 1 ? `worker ${i + 1}` : "worker", log },
      ),
    );
  const url = `${env.EVENTPLANE_TLS_CERT && env.EVENTPLANE_TLS_KEY ? "https" : "http"}://${host}:${port}`;
  // The demo's services reach the registry and the OTLP receiver through the web process's address.
  const selfUrl = `http://${host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host}:${port}`;
  if (mode === "demo" && brokers)
    run("demo-traffic", process.execPath, ["--import", "tsx", "scripts/demo/traffic.ts"], { ...childEnv, EVENTPLANE_URL: selfUrl });
  if (await waitForWeb(url, 120_000)) log(`ready: ${url}  (Ctrl-C stops everything)${signInHint ? `\n[eventplane] ${signInHint}` : ""}`);
  else if (!stopping) log(`the web process did not answer on ${url} yet; still waiting`);
} catch (e) {
  console.error(e instanceof KafkaSetupError || e instanceof RabbitSetupError || e instanceof NatsSetupError ? e.message : e);
  await shutdown(1);
}

// A real RabbitMQ node of our own, from Debian's rabbitmq-server (with the management plugin), beside
// any system node: its own node name, ports, data and log directories. Used by `npm run rabbitmq:local`,
// `npm run demo` and the test suite.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export class RabbitSetupError extends Error {}

// Debian installs the real scripts here; /usr/sbin/rabbitmq-server is a wrapper that insists on
// running as the rabbitmq user with the system node's directories.
const BIN = "/usr/lib/rabbitmq/bin";

export function rabbitInstalled(): boolean {
  return existsSync(join(BIN, "rabbitmq-server"));
}

export interface RabbitNode {
  /** management API with credentials: what RABBITMQ_URL holds */
  managementUrl: string;
  amqpUrl: string;
  port: number;
  managementPort: number;
  nodeName: string;
  process: ChildProcess;
  /** rabbitmqctl against this node (the ground truth for backlog in tests) */
  ctl(args: string[]): string;
  stop(): Promise<void>;
}

function nodeEnv(dataDir: string, nodeName: string, port: number, distPort: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    RABBITMQ_NODENAME: nodeName,
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_MNESIA_BASE: join(dataDir, "mnesia"),
    RABBITMQ_LOG_BASE: join(dataDir, "log"),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dataDir, "enabled_plugins"),
    RABBITMQ_CONFIG_FILE: join(dataDir, "rabbitmq.conf"),
  };
}

async function waitForManagement(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const { origin, username, password } = new URL(url);
  const auth = `Basic ${Buffer.from(`${decodeURIComponent(username)}:${decodeURIComponent(password)}`).toString("base64")}`;
  for (;;) {
    if (child.exitCode !== null) throw new RabbitSetupError(`RabbitMQ exited with code ${child.exitCode} while starting`);
    const ok = await fetch(`${origin}/api/overview`, { headers: { authorization: auth } })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline) throw new RabbitSetupError(`RabbitMQ's management API did not answer on ${origin} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Starts a node (its data stays in dataDir, so a restart keeps queues and messages) and waits for its management API. */
export async function startRabbit(opts: {
  dataDir: string;
  port: number;
  managementPort: number;
  distPort?: number;
  stdio?: "inherit" | "ignore";
}): Promise<RabbitNode> {
  if (!rabbitInstalled())
    throw new RabbitSetupError("rabbitmq-server is not installed: apt-get install -y rabbitmq-server (or point RABBITMQ_URL at a broker)");
  const dataDir = resolve(opts.dataDir);
  mkdirSync(join(dataDir, "log"), { recursive: true });
  writeFileSync(join(dataDir, "enabled_plugins"), "[rabbitmq_management].\n");
  writeFileSync(
    join(dataDir, "rabbitmq.conf"),
    [
      `listeners.tcp.default = 127.0.0.1:${opts.port}`,
      "management.tcp.ip = 127.0.0.1",
      `management.tcp.port = ${opts.managementPort}`,
      // guest may connect from 127.0.0.1 only by default; every listener here is on loopback anyway.
      "loopback_users = none",
      // Rates over the last minute, sampled every 5 s (the management API's default is coarser).
      "collect_statistics_interval = 5000",
      "",
    ].join("\n"),
  );
  const nodeName = `eventplane-${opts.port}@localhost`;
  const env = nodeEnv(dataDir, nodeName, opts.port, opts.distPort ?? opts.port + 20_000);
  const out = createWriteStream(join(dataDir, "stdout.log"), { flags: "a" });
  const child = spawn(join(BIN, "rabbitmq-server"), [], {
    env,
    stdio: ["ignore", opts.stdio === "inherit" ? "inherit" : "pipe", opts.stdio === "inherit" ? "inherit" : "pipe"],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const managementUrl = `http://guest:guest@127.0.0.1:${opts.managementPort}`;
  try {
    await waitForManagement(managementUrl, child, 90_000);
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
  const ctl = (args: string[]) => {
    const r = spawnSync(join(BIN, "rabbitmqctl"), ["-n", nodeName, ...args], { env, encoding: "utf8" });
    if (r.status !== 0) throw new RabbitSetupError(`rabbitmqctl ${args.join(" ")} failed: ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  return {
    managementUrl,
    amqpUrl: `amqp://guest:guest@127.0.0.1:${opts.port}`,
    port: opts.port,
    managementPort: opts.managementPort,
    nodeName,
    process: child,
    ctl,
    async stop() {
      if (child.exitCode !== null) return;
      // rabbitmqctl stop shuts the node down cleanly; SIGTERM does too, more slowly.
      spawnSync(join(BIN, "rabbitmqctl"), ["-n", nodeName, "stop"], { env, timeout: 30_000 });
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// A real NATS server with JetStream, from Debian's nats-server, on our own port and storage directory.
// Used by `npm run nats:local`, `npm run demo` and the test suite.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { waitForPort } from "./ports";

export class NatsSetupError extends Error {}

export function natsInstalled(): boolean {
  return spawnSync("sh", ["-c", "command -v nats-server"]).status === 0;
}

export interface NatsServer {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts nats-server -js (streams stay in dataDir across restarts). `token` makes clients authenticate. */
export async function startNats(opts: {
  dataDir: string;
  port: number;
  token?: string;
  stdio?: "inherit" | "ignore";
}): Promise<NatsServer> {
  if (!natsInstalled())
    throw new NatsSetupError("nats-server is not installed: apt-get install -y nats-server (or point NATS_URL at a server)");
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const args = ["-js", "-a", "127.0.0.1", "-p", String(opts.port), "-sd", dataDir, "-l", join(dataDir, "nats-server.log")];
  if (opts.token) args.push("--auth", opts.token);
  const out = createWriteStream(join(dataDir, "stdout.log"), { flags: "a" });
  const child = spawn("nats-server", args, {
    stdio: ["ignore", opts.stdio === "inherit" ? "inherit" : "pipe", opts.stdio === "inherit" ? "inherit" : "pipe"],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  try {
    await waitForPort(opts.port, child, 30_000, (why) => new NatsSetupError(`nats-server ${why}`));
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
  return {
    url: `nats://127.0.0.1:${opts.port}`,
    port: opts.port,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// Benchmark servers run as child processes (so they do not share the load generator's core); each
// reports "ready" over IPC once it listens.
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";

/** The API token every benchmark request carries (the handler servers create it); the baselines ignore it. */
export const BENCH_TOKEN = `ept_${randomBytes(24).toString("base64url")}`;
export const benchAuth = { authorization: `Bearer ${BENCH_TOKEN}` };

export function startChildServer(script: string, args: string[], env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(join(import.meta.dirname, script), args, {
    // BENCH_CHILD_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load
    // (with BENCH_PROFILE=1 it is stopped with SIGINT, and exits cleanly so the profile is written).
    execArgv: ["--import", "tsx", ...(process.env.BENCH_CHILD_NODE_ARGS ?? "").split(" ").filter(Boolean)],
    env: { ...process.env, ...env, BENCH_TOKEN, NODE_ENV: "production" },
  });
  return new Promise((resolve, reject) => {
    child.once("message", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

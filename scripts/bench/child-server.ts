// Benchmark servers run as child processes (so they do not share the load generator's core); each
// reports "ready" over IPC once it listens.
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";

export function startChildServer(script: string, args: string[], env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(join(import.meta.dirname, script), args, {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...env, NODE_ENV: "production" },
  });
  return new Promise((resolve, reject) => {
    child.once("message", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

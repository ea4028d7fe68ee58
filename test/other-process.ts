// Starts a script as a separate Node process (what a second web process or a worker is) and waits
// for the line it prints once ready.
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";

export type OtherProcess = { child: ChildProcess; match: RegExpMatchArray; stop: (signal?: NodeJS.Signals) => Promise<void> };

/** `script` is relative to the repository's root. */
export async function startProcess(script: string, ready: RegExp, env: NodeJS.ProcessEnv = process.env): Promise<OtherProcess> {
  const root = resolve(import.meta.dirname, "..");
  const child = spawn(process.execPath, ["--import", "tsx", resolve(root, script)], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const match = await new Promise<RegExpMatchArray>((found, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = ready.exec(out);
      if (m) found(m);
    });
    child.once("exit", (code, signal) => reject(new Error(`${script} exited (${signal ?? code}) before it was ready:\n${out}`)));
  });
  // Keep reading, so a chatty process never blocks on a full pipe.
  child.stdout!.resume();
  const stop = (signal: NodeJS.Signals = "SIGTERM") =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once("exit", () => done());
      child.kill(signal);
    });
  return { child, match, stop };
}

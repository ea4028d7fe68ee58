// Keeps a child process running: when it exits on its own it is started again after a back-off that
// grows with quick successive crashes (1 s, 2 s, 4 s … 30 s) and resets once it has run a minute.
// The launcher supervises the worker this way, so a worker crash never takes the web process (and the
// registry serializers depend on) down with it.
import type { ChildProcess } from "node:child_process";

export interface Supervised {
  current(): ChildProcess;
  restarts(): number;
  /** Stops restarting and ends the current process (SIGTERM, then SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

export function supervise(
  start: () => ChildProcess,
  opts: { name: string; log: (s: string) => void; maxBackoffMs?: number; stableAfterMs?: number; clock?: () => number },
): Supervised {
  const clock = opts.clock ?? Date.now;
  const maxBackoff = opts.maxBackoffMs ?? 30_000;
  const stableAfter = opts.stableAfterMs ?? 60_000;
  let stopping = false;
  let restarts = 0;
  let quickCrashes = 0;
  let timer: NodeJS.Timeout | undefined;
  let child = launch();

  function launch(): ChildProcess {
    const startedAt = clock();
    const proc = start();
    proc.once("exit", (code, signal) => {
      if (stopping) return;
      quickCrashes = clock() - startedAt >= stableAfter ? 0 : quickCrashes + 1;
      const delay = Math.min(maxBackoff, 1_000 * 2 ** Math.max(0, quickCrashes - 1));
      opts.log(`${opts.name} exited (${signal ?? code}); starting it again in ${Math.round(delay / 1000)} s`);
      timer = setTimeout(() => {
        if (stopping) return;
        restarts += 1;
        child = launch();
      }, delay);
    });
    return proc;
  }

  return {
    current: () => child,
    restarts: () => restarts,
    async stop(graceMs = 10_000) {
      stopping = true;
      clearTimeout(timer);
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((done) => {
        child.once("exit", () => done());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), graceMs).unref();
      });
    },
  };
}

import type { ChildProcess } from "node:child_process";

/** SIGTERM to each child still running, SIGKILL to any still there after `killAfterMs`; resolves when all have exited. */
export function stopChildren(children: ChildProcess[], killAfterMs = 10_000): Promise<void> {
  return Promise.all(
    children.map(
      (c) =>
        new Promise<void>((done) => {
          if (c.exitCode !== null || c.signalCode !== null) return done();
          c.once("exit", () => done());
          c.kill("SIGTERM");
          setTimeout(() => c.kill("SIGKILL"), killAfterMs).unref();
        }),
    ),
  ).then(() => undefined);
}

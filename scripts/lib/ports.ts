import type { ChildProcess } from "node:child_process";
import { connect, createServer } from "node:net";

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once `child` listens on 127.0.0.1:`port`; rejects (with `fail`'s error) when it exits first or the time is up. */
export function waitForPort(port: number, child: ChildProcess, timeoutMs: number, fail: (why: string) => Error): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolvePromise, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(fail(`exited with code ${child.exitCode} while starting`));
      const sock = connect(port, "127.0.0.1");
      sock.once("connect", () => {
        sock.destroy();
        resolvePromise();
      });
      sock.once("error", () => {
        sock.destroy();
        if (Date.now() > deadline) reject(fail(`did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

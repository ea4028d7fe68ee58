import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { supervise } from "./supervise";

describe("supervise", () => {
  it("starts a crashed process again (real child processes), and stops for good when asked", async () => {
    const logs: string[] = [];
    // Crashes at once twice, then stays up (a marker file would do; argv carries the attempt instead).
    let attempt = 0;
    const supervised = supervise(() => spawn(process.execPath, ["-e", attempt++ < 2 ? "process.exit(3)" : "setInterval(() => {}, 1000)"]), {
      name: "worker",
      log: (s) => logs.push(s),
      maxBackoffMs: 50,
      stableAfterMs: 60_000,
    });
    await expect.poll(() => supervised.restarts(), { timeout: 10_000 }).toBe(2);
    const running = supervised.current();
    expect(running.exitCode).toBeNull();
    expect(logs[0]).toMatch(/^worker exited \(3\); starting it again in \d+ s$/);
    await supervised.stop();
    expect(running.signalCode).toBe("SIGTERM");
    expect(supervised.restarts()).toBe(2);
  });
});

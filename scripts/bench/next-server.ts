// The production web app (`next build` output) on a free port, for benchmarks that measure pages in
// Chromium. Returns null when there is no build to start.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../lib/ports";

export async function startNextServer(env: Record<string, string>): Promise<{ base: string; child: ChildProcess } | null> {
  const root = join(import.meta.dirname, "../..");
  if (!existsSync(join(root, ".next", "BUILD_ID"))) return null;
  const port = await freePort();
  const child = spawn(join(root, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    env: { ...process.env, ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  const base = `http://127.0.0.1:${port}`;
  await answering(base);
  return { base, child };
}

/** The real web process (scripts/web-server.ts: wire protocols ahead of Next, the rest through it), as `npm start` runs it. */
export async function startWebServer(env: Record<string, string>): Promise<{ base: string; child: ChildProcess } | null> {
  const root = join(import.meta.dirname, "../..");
  if (!existsSync(join(root, ".next", "BUILD_ID"))) return null;
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/web-server.ts"], {
    cwd: root,
    env: { ...process.env, ...env, HOST: "127.0.0.1", PORT: String(port), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  const base = `http://127.0.0.1:${port}`;
  await answering(base);
  return { base, child };
}

/** Waits (up to a minute) until the server answers its health check at all. */
async function answering(base: string) {
  for (let i = 0; i < 120; i++) {
    const up = await fetch(`${base}/api/health`).then(
      (r) => r.status < 600,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

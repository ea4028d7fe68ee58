import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3107);

export default defineConfig({
  testDir: "e2e",
  // Its own subfolder: Playwright empties outputDir at start, and test-results/ also holds vitest's reports.
  outputDir: "test-results/playwright",
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  projects: [
    { name: "sign-in", testMatch: /setup\/.*\.setup\.ts$/ },
    // Every console test runs signed in as the stack's admin (cookies from the sign-in project).
    { name: "console", testIgnore: /setup\//, dependencies: ["sign-in"], use: { storageState: "e2e/.state/admin.json" } },
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright cannot download its own browser on our machines.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
      env: { ...process.env, XDG_CONFIG_HOME: "test-results/.chromium-config" },
    },
  },
  webServer: {
    // A whole Eventplane (embedded or DATABASE_URL PostgreSQL, web, worker) plus a real Kafka of its own.
    command: `node --import tsx e2e/setup/serve.ts`,
    url: `http://127.0.0.1:${port}/api/health`,
    env: { E2E_PORT: String(port) },
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
  },
});

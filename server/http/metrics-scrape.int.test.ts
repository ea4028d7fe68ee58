// A real Prometheus (Debian's package; .ci/run installs it) scrapes /metrics over HTTP and answers
// PromQL about what it stored: the exposition is not just text that looks right, a scraper accepts it.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncCluster } from "@/collectors/catalog-sync/sync-cluster";
import { freePort } from "@/scripts/lib/ports";
import { createTestCluster } from "@/test/catalog-helpers";
import { commitOffsets, createTopic, produce, uniqueName } from "@/test/kafka-helpers";
import { serveHandler } from "@/test/serve-handler";
import { handleMetrics } from "./metrics";
import { createTestToken } from "@/test/tokens";

const dir = mkdtempSync(join(tmpdir(), "eventplane-prometheus-"));
let prometheus: ChildProcess;
let promUrl = "";
let closeMetrics = async () => {};

beforeAll(async () => {
  // Prometheus scrapes with a token, as its `authorization` scrape setting sends it.
  const token = await createTestToken(["metrics:read"], "viewer");
  const metrics = await serveHandler(handleMetrics);
  closeMetrics = metrics.close;
  const config = join(dir, "prometheus.yml");
  writeFileSync(
    config,
    [
      "global: { scrape_interval: 1s, scrape_timeout: 1s }",
      "scrape_configs:",
      "  - job_name: eventplane",
      "    metrics_path: /metrics",
      `    authorization: { type: Bearer, credentials: "${token.secret}" }`,
      `    static_configs: [{ targets: ["${new URL(metrics.url).host}"] }]`,
    ].join("\n"),
  );
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  prometheus = spawn(
    "prometheus",
    [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: "ignore" },
  );
});

afterAll(async () => {
  prometheus?.kill("SIGTERM");
  await closeMetrics();
  rmSync(dir, { recursive: true, force: true });
});

async function query(promql: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await res.json()) as { status: string; data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  return body.status === "success" ? body.data.result : [];
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Prometheus: ${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe("Prometheus scraping /metrics", () => {
  it("scrapes the target without errors and stores lag per partition as sent", { timeout: 60_000 }, async () => {
    const cluster = await createTestCluster();
    const topic = uniqueName("scraped");
    const group = uniqueName("scraper");
    await createTopic(topic, 2);
    await produce(topic, { 0: 12, 1: 5 });
    await commitOffsets(group, topic, { 0: 2, 1: 5 });
    await syncCluster(cluster, { withConfigs: false });

    const target = await until("the target is up", async () => {
      const res = await fetch(`${promUrl}/api/v1/targets`);
      const body = (await res.json()) as {
        data: { activeTargets: { health: string; lastError: string; labels: Record<string, string> }[] };
      };
      const t = body.data.activeTargets.find((a) => a.labels.job === "eventplane");
      return t?.health === "up" ? t : undefined;
    });
    expect(target.lastError).toBe("");
    const lag = await until("the group's lag is stored", async () => {
      const rows = await query(`eventplane_consumergroup_lag{group="${group}"}`);
      return rows.length === 2 ? rows : undefined;
    });
    expect(Object.fromEntries(lag.map((r) => [r.metric.partition, Number(r.value[1])]))).toEqual({ "0": 10, "1": 0 });
    expect(lag[0]!.metric).toMatchObject({ cluster: cluster.name, topic, job: "eventplane" });
    // A scrape can land while the sync is writing (offsets stored, status not yet): wait for a scrape
    // taken after the sync finished, which must say the cluster is up.
    await until("a scrape after the sync", async () => {
      const rows = await query(`eventplane_catalog_last_sync_timestamp_seconds{cluster="${cluster.name}"}`);
      return rows.length === 1 ? rows : undefined;
    });
    const up = await query(`eventplane_cluster_up{cluster="${cluster.name}"}`);
    expect(up.map((r) => r.value[1])).toEqual(["1"]);
  });
});

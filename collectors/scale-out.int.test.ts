// Two worker processes (what EVENTPLANE_WORKERS=2 starts) on a database of their own: exactly one
// collects the cluster at a time, and when that one is killed without a word (SIGKILL, no release of
// its lease) the other takes the cluster over once the lease runs out.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/server/db/migrate";
import { uniqueName } from "@/test/kafka-helpers";
import { startProcess, type OtherProcess } from "@/test/other-process";

const dataDir = mkdtempSync(join(tmpdir(), "eventplane-scale-out-"));
const dbName = uniqueName("scale_out").replace(/-/g, "_");
const url = Object.assign(new URL(process.env.DATABASE_URL!), { pathname: `/${dbName}` }).toString();
const client = new pg.Client({ connectionString: url });
const workers: OtherProcess[] = [];

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  await migrateDatabase(url);
  await client.connect();
}, 60_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop("SIGKILL")));
  await client.end();
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(what: string, read: () => Promise<T | null | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const lease = async () =>
  (await client.query<{ owner: string; expiresAt: Date }>(`SELECT owner, "expiresAt" FROM "ClusterLease"`)).rows[0] ?? null;
const lastSync = async () =>
  (await client.query<{ lastSyncAt: Date | null }>(`SELECT "lastSyncAt" FROM "Cluster" WHERE name = 'local'`)).rows[0]?.lastSyncAt ?? null;
/** A worker's id is host:pid:random. */
const pidOf = (owner: string) => Number(owner.split(":").at(-2));

describe("two workers on one database", () => {
  it("share the cluster by lease, and a killed worker's cluster moves to the other", { timeout: 180_000 }, async () => {
    const env = {
      ...process.env,
      DATABASE_URL: url,
      EVENTPLANE_DATA_DIR: dataDir,
      KAFKA_BROKERS: process.env.TEST_KAFKA_BROKERS,
      CATALOG_SYNC_INTERVAL_MS: "1000",
      CATALOG_LEASE_TTL_MS: "4000",
    };
    for (let i = 0; i < 2; i++) workers.push(await startProcess("collectors/main.ts", /\[worker\] running/, env));

    const first = await until("a worker to hold the cluster", lease);
    const owner = workers.find((w) => w.child.pid === pidOf(first.owner))!;
    const other = workers.find((w) => w !== owner)!;
    expect(owner).toBeDefined();
    await until("the first sync", lastSync);

    // While both run, the one holding the lease keeps it (it renews before it runs out).
    const renewed = await until("the lease renewed", async () => {
      const now = await lease();
      return now && now.expiresAt > first.expiresAt ? now : null;
    });
    expect(renewed.owner).toBe(first.owner);

    await owner.stop("SIGKILL");
    const killedAt = new Date();
    const taken = await until("the other worker to take the cluster", async () => {
      const now = await lease();
      return now && pidOf(now.owner) === other.child.pid ? now : null;
    });
    expect(taken.owner).not.toBe(first.owner);
    // And it collects it: a sync after the kill.
    await until("a sync by the other worker", async () => {
      const at = await lastSync();
      return at && at > killedAt ? at : null;
    });
  });
});

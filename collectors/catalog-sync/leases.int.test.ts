import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestCluster } from "@/test/catalog-helpers";
import { createCatalogScheduler } from "./scheduler";

function worker(workerId: string, leaseTtlMs: number) {
  const synced: string[] = [];
  const scheduler = createCatalogScheduler({
    intervalMs: 50,
    maxBackoffMs: 1_000,
    configIntervalMs: 60_000,
    workerId,
    leaseTtlMs,
    // Every cluster in the shared test database is attempted in each cycle, not just the first four.
    concurrency: 1_000,
    onResult: (name) => synced.push(name),
  });
  const cycle = async () => {
    await scheduler.tick();
    await scheduler.idle();
  };
  return { scheduler, synced, cycle };
}

describe("two workers and cluster leases", () => {
  it("lets one worker collect a cluster; the other takes over when its lease expires", async () => {
    const cluster = await createTestCluster();
    const a = worker("worker-a", 1_500);
    const b = worker("worker-b", 1_500);

    await a.cycle();
    await b.cycle();
    expect(a.synced).toContain(cluster.name);
    expect(b.synced).not.toContain(cluster.name);
    expect((await db.clusterLease.findUniqueOrThrow({ where: { clusterId: cluster.id } })).owner).toBe("worker-a");

    // worker-a dies without a word (no release): after the lease expires, worker-b collects.
    await expect
      .poll(async () => (await new Promise((r) => setTimeout(r, 100)), await b.cycle(), b.synced.includes(cluster.name)), {
        timeout: 10_000,
      })
      .toBe(true);
    expect((await db.clusterLease.findUniqueOrThrow({ where: { clusterId: cluster.id } })).owner).toBe("worker-b");

    // A clean stop hands the cluster over at once.
    await b.scheduler.stop();
    const before = a.synced.length;
    await new Promise((r) => setTimeout(r, 60));
    await a.cycle();
    expect(a.synced.slice(before)).toContain(cluster.name);
  });
});

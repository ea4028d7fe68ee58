// Two workers share clusters through leases. Time is the scheduler's injected clock, so the test
// moves it instead of waiting for a TTL, and each worker collects only this test's cluster (the
// shared test database holds other files' clusters too).
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestCluster } from "@/test/catalog-helpers";
import { createCatalogScheduler } from "./scheduler";

const TTL = 30_000;

function worker(workerId: string, clusterId: string, clock: { now: number }) {
  const synced: string[] = [];
  const scheduler = createCatalogScheduler({
    intervalMs: 1_000,
    maxBackoffMs: 10_000,
    configIntervalMs: 60_000,
    workerId,
    leaseTtlMs: TTL,
    select: (t) => t.id === clusterId,
    clock: () => clock.now,
    onResult: (name) => synced.push(name),
  });
  const cycle = async () => {
    await scheduler.tick();
    await scheduler.idle();
  };
  return { scheduler, synced, cycle };
}

describe("two workers and cluster leases", () => {
  it("lets one worker collect a cluster; the other takes over when its lease expires, or at once after a clean stop", async () => {
    const cluster = await createTestCluster();
    const clock = { now: Date.now() };
    const a = worker("worker-a", cluster.id, clock);
    const b = worker("worker-b", cluster.id, clock);
    const owner = async () => (await db.clusterLease.findUniqueOrThrow({ where: { clusterId: cluster.id } })).owner;

    await a.cycle();
    clock.now += 5_000;
    await b.cycle();
    expect(a.synced).toEqual([cluster.name]);
    expect(b.synced).toEqual([]);
    expect(await owner()).toBe("worker-a");

    // worker-a dies without a word (no release): the lease runs out a TTL after its last sync ended.
    clock.now += TTL - 5_000 - 1;
    await b.cycle();
    expect(b.synced).toEqual([]);
    clock.now += 1_000; // past the lease, and past b's next look (an interval after its refused claim)
    await b.cycle();
    expect(b.synced).toEqual([cluster.name]);
    expect(await owner()).toBe("worker-b");

    // A clean stop hands the cluster over at once.
    await b.scheduler.stop();
    clock.now += 1_000;
    await a.cycle();
    expect(a.synced).toEqual([cluster.name, cluster.name]);
    expect(await owner()).toBe("worker-a");
  });
});

import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultCacheDir, ensureKafkaJars, startKafka, type KafkaBroker } from "@/scripts/lib/kafka-broker";
import { freePort } from "@/scripts/lib/ports";
import { db } from "@/server/db";
import { createTestCluster, topicRow } from "@/test/catalog-helpers";
import { createTopic, uniqueName } from "@/test/kafka-helpers";
import { createCatalogScheduler } from "./scheduler";

// This test stops and restarts a broker of its own, so the shared test broker stays up for the others.
describe("a broker that goes away and comes back", () => {
  const dir = mkdtempSync(join(tmpdir(), "eventplane-recovery-"));
  chmodSync(dir, 0o755);
  let broker: KafkaBroker | undefined;
  afterAll(async () => {
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("marks the cluster unreachable with the error and since when, backs off, then recovers by itself", async () => {
    const libs = ensureKafkaJars(defaultCacheDir(process.env.EVENTPLANE_CACHE_DIR));
    const port = await freePort();
    const controllerPort = await freePort();
    broker = await startKafka({ libs, dataDir: join(dir, "kafka"), port, controllerPort });
    const cluster = await createTestCluster(broker.brokers);
    const topic = uniqueName("survivor");
    const { Kafka, logLevel } = await import("kafkajs");
    const admin = new Kafka({ brokers: [broker.brokers], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();

    const results: { cluster: string; ok: boolean }[] = [];
    // The scheduler's clock is the test's: back-off is decided by it, not by how fast this machine is.
    const clock = { now: Date.now() };
    const scheduler = createCatalogScheduler({
      intervalMs: 1_000,
      maxBackoffMs: 2_000,
      configIntervalMs: 60_000,
      select: (t) => t.id === cluster.id,
      clock: () => clock.now,
      onResult: (name, r) => results.push({ cluster: name, ok: r.ok }),
    });
    /** One scheduler cycle `advanceMs` later on the scheduler's clock. */
    const tick = async (advanceMs = 0) => {
      clock.now += advanceMs;
      await scheduler.tick();
      await scheduler.idle();
    };
    const mine = () => results.filter((r) => r.cluster === cluster.name);
    const status = async () => db.cluster.findUniqueOrThrow({ where: { id: cluster.id } });

    await tick();
    expect((await status()).status).toBe("OK");
    expect(await topicRow(cluster.id, topic)).not.toBeNull();

    await broker.stop();
    const stoppedAt = Date.now();
    await expect.poll(async () => (await tick(3_000), (await status()).status), { timeout: 60_000, interval: 100 }).toBe("UNREACHABLE");
    const down = await status();
    expect(down.lastError).toMatch(/cannot reach 127\.0\.0\.1:\d+/);
    expect(down.unreachableSince!.getTime()).toBeGreaterThanOrEqual(stoppedAt - 1_000);

    // Back-off: attempts right after a failure are skipped rather than sent to a dead broker.
    const attemptsBefore = mine().length;
    await tick(100);
    await tick(100);
    expect(mine().length).toBe(attemptsBefore);

    // Once the back-off (at most 2 s here) has passed it tries again; a later failure keeps the first "since".
    await tick(2_100);
    expect(mine().length).toBe(attemptsBefore + 1);
    expect(mine().at(-1)?.ok).toBe(false);
    expect((await status()).unreachableSince).toEqual(down.unreachableSince);

    broker = await startKafka({ libs, dataDir: join(dir, "kafka"), port, controllerPort });
    await expect.poll(async () => (await tick(3_000), (await status()).status), { timeout: 60_000, interval: 200 }).toBe("OK");
    const up = await status();
    expect(up).toMatchObject({ lastError: null, unreachableSince: null });
    expect((await topicRow(cluster.id, topic))?.deletedAt).toBeNull();
  });
});

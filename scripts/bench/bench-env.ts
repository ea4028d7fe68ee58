// What every benchmark stands on: a scratch directory, PostgreSQL (embedded unless DATABASE_URL) and,
// when asked, a local Kafka broker; all removed on stop() and on Ctrl-C.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import type { Admin } from "kafkajs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepareDatabase } from "../lib/database";
import { defaultCacheDir, ensureKafkaJars, startKafka } from "../lib/kafka-broker";
import { startKafkaCluster } from "../lib/kafka-cluster";
import { startNats } from "../lib/nats-server";
import { freePort } from "../lib/ports";
import { startRabbit } from "../lib/rabbitmq-node";
import { statementSettings } from "./statements";

/** `kafkaNodes` above 1 starts that many brokers as one cluster (kafka-cluster.ts). */
export async function startBenchEnv(opts: { kafka: boolean; kafkaNodes?: number; rabbitmq?: boolean; nats?: boolean }) {
  const dir = mkdtempSync(join(tmpdir(), "eventplane-bench-"));
  chmodSync(dir, 0o755);
  const libs = opts.kafka ? ensureKafkaJars(defaultCacheDir(process.env.EVENTPLANE_CACHE_DIR)) : "";
  const broker = !opts.kafka
    ? null
    : (opts.kafkaNodes ?? 1) > 1
      ? await startKafkaCluster({ libs, dataDir: join(dir, "kafka"), nodes: opts.kafkaNodes!, heap: "2g" })
      : await startKafka({ libs, dataDir: join(dir, "kafka"), port: await freePort(), controllerPort: await freePort() });
  const rabbit = opts.rabbitmq
    ? await startRabbit({
        dataDir: join(dir, "rabbitmq"),
        port: await freePort(),
        managementPort: await freePort(),
        distPort: await freePort(),
      })
    : null;
  const nats = opts.nats ? await startNats({ dataDir: join(dir, "nats"), port: await freePort() }) : null;
  const database = await prepareDatabase({
    dataDir: dir,
    pgPort: await freePort(),
    databaseUrl: process.env.DATABASE_URL,
    log: () => undefined,
    pgSettings: statementSettings(),
  });
  process.env.DATABASE_URL = database.url;
  process.env.EVENTPLANE_SECRET_KEY ??= "bench";
  const stop = async () => {
    await broker?.stop();
    await rabbit?.stop();
    await nats?.stop();
    await database.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, async () => {
      await stop();
      process.exit(130);
    });
  }
  return { dir, brokers: broker?.brokers ?? "", rabbit, nats, databaseUrl: database.url, stop };
}

/**
 * Creates many topics a few hundred per request, then waits until the broker's metadata lists them
 * all (topic creation is asynchronous in KRaft).
 */
export async function createTopicsInBulk(admin: Admin, names: string[], partitions: number, perRequest = 200) {
  for (let i = 0; i < names.length; i += perRequest) {
    await admin.createTopics({
      topics: names.slice(i, i + perRequest).map((topic) => ({ topic, numPartitions: partitions })),
      waitForLeaders: false,
      timeout: 120_000,
    });
  }
  const wanted = new Set(names);
  while ((await admin.listTopics()).filter((n) => wanted.has(n)).length < names.length) await new Promise((r) => setTimeout(r, 500));
}

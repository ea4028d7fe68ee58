// `npm run bench -- catalog`: catalog sync of a cluster with many topics, on a real local Kafka and PostgreSQL.
// Reports the full sync (read from Kafka + write to PostgreSQL) as a ratio against the raw admin-API
// read alone, both measured in this run on the same broker. Usage: npm run bench -- catalog [--topics 10000]
import { Kafka, logLevel } from "kafkajs";
import { numberArg, median } from "./args";
import { createTopicsInBulk, startBenchEnv } from "./bench-env";

const topicCount = numberArg("topics", 10_000);
const rounds = numberArg("rounds", 3);

const env = await startBenchEnv({ kafka: true });

try {
  const kafka = new Kafka({ clientId: "bench", brokers: [env.brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  let t = performance.now();
  const names = Array.from({ length: topicCount }, (_, i) => `bench.topic.${String(i).padStart(5, "0")}`);
  await createTopicsInBulk(admin, names, 1, 500);
  const producer = kafka.producer();
  await producer.connect();
  await producer.sendBatch({ topicMessages: names.slice(0, 1000).map((topic) => ({ topic, messages: [{ value: "x" }] })) });
  await producer.disconnect();
  await admin.disconnect();
  console.log(`created ${topicCount} topics in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const { registerEnvCluster, listClusterTargets } = await import("@/server/domain/connections");
  const { systemActor } = await import("@/server/domain/identity");
  const { syncCluster } = await import("@/collectors/catalog-sync/sync-cluster");
  const { readCatalog } = await import("@/server/brokers/kafka");
  const { closeConnections } = await import("@/server/lib/lifecycle");
  await registerEnvCluster(systemActor("startup"), env.brokers, "bench");
  const [target] = (await listClusterTargets()).filter((t) => t.kind === "kafka");

  // The first sync inserts every row; later ones update in place (the steady state of the worker).
  t = performance.now();
  const first = await syncCluster(target!, { withConfigs: true });
  console.log(`first sync (inserts, with configs): ${first.topics} topics in ${((performance.now() - t) / 1000).toFixed(2)} s`);

  const raw: number[] = [];
  const full: number[] = [];
  const rawCfg: number[] = [];
  const fullCfg: number[] = [];
  for (let r = 0; r < rounds; r++) {
    t = performance.now();
    await readCatalog(target!.connection, { withConfigs: false });
    raw.push(performance.now() - t);
    t = performance.now();
    const res = await syncCluster(target!, { withConfigs: false });
    if (!res.ok || res.topics < topicCount) throw new Error(`sync failed: ${JSON.stringify(res)}`);
    full.push(performance.now() - t);
    t = performance.now();
    await readCatalog(target!.connection, { withConfigs: true });
    rawCfg.push(performance.now() - t);
    t = performance.now();
    await syncCluster(target!, { withConfigs: true });
    fullCfg.push(performance.now() - t);
  }
  const line = (name: string, f: number[], b: number[]) =>
    console.log(
      `${name.padEnd(34)} sync ${(median(f) / 1000).toFixed(2)} s · raw admin read ${(median(b) / 1000).toFixed(2)} s · ratio ${(median(f) / median(b)).toFixed(2)}`,
    );
  console.log(`\ncatalog sync, ${topicCount} topics, median of ${rounds}:`);
  line("offsets + groups (every cycle)", full, raw);
  line("with configs (once a minute)", fullCfg, rawCfg);

  // The topics page over 10,000 topics: one page of 50, sorted and searched, against a bare round trip.
  const { listTopics } = await import("@/server/domain/topics");
  const { db: prisma } = await import("@/server/db");
  const timeIt = async (fn: () => Promise<unknown>, n = 20) => {
    const xs: number[] = [];
    for (let i = 0; i < n; i++) {
      const s0 = performance.now();
      await fn();
      xs.push(performance.now() - s0);
    }
    return median(xs);
  };
  const ping = await timeIt(() => prisma.$queryRaw`SELECT 1`);
  const page1 = await timeIt(() => listTopics({ sort: "messages", dir: "desc", page: 1 }));
  const deep = await timeIt(() => listTopics({ sort: "name", page: 150 }));
  const search = await timeIt(() => listTopics({ search: "topic.0999", page: 1 }));
  console.log(`
topics list over ${topicCount} topics (median of 20; bare SELECT 1 round trip ${ping.toFixed(2)} ms):`);
  for (const [name, ms] of [
    ["page 1 by messages", page1],
    ["page 150 by name", deep],
    ["search", search],
  ] as const) {
    console.log(`${name.padEnd(34)} ${ms.toFixed(1)} ms · ratio ${(ms / ping).toFixed(1)}`);
  }
  await closeConnections();
} finally {
  await env.stop();
}

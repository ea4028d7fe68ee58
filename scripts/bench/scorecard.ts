// `npm run bench -- scorecard`: the cost of one scorecard pass that samples records, as a ratio against
// reading the same records bare. Topics hold exactly the records a pass samples (its per-partition
// budget), half of them Avro through the registry and half JSON text, so "the same records" is
// literal: the baseline is a bare kafkajs consumer reading every record of every topic, no decoding.
// Usage: npm run bench -- scorecard [--topics 100] [--partitions 3] [--per-partition 200] [--rounds 3]
import avro from "avsc";
import { Kafka, logLevel } from "kafkajs";
import { median, numberArg } from "./args";
import { startBenchEnv } from "./bench-env";

const topics = numberArg("topics", 100);
const partitions = numberArg("partitions", 3);
const perPartition = numberArg("per-partition", 200);
const rounds = numberArg("rounds", 3);
const schema = {
  type: "record",
  name: "OrderPlaced",
  fields: ["event_id", "timestamp", "version", "aggregate_id", "correlation_id", "customer"].map((name) => ({ name, type: "string" })),
};

const env = await startBenchEnv({ kafka: true });
try {
  const { registerSchema } = await import("@/server/domain/schemas");
  const { registerEnvCluster, listClusterTargets } = await import("@/server/domain/connections");
  const { systemActor } = await import("@/server/domain/identity");
  const { setPolicy } = await import("@/server/domain/policies");
  const { syncCluster } = await import("@/collectors/catalog-sync/sync-cluster");
  const { runScorecardPass } = await import("@/server/domain/scorecard");
  const admin = systemActor("bench");
  await setPolicy(admin, { checks: { sampling: { recordsPerPartition: perPartition, maxTopics: topics } } });

  const kafka = new Kafka({ clientId: "bench", brokers: [env.brokers], logLevel: logLevel.NOTHING });
  const kadmin = kafka.admin();
  await kadmin.connect();
  const names = Array.from({ length: topics }, (_, i) => `bench.sc.${String(i).padStart(4, "0")}`);
  await kadmin.createTopics({ topics: names.map((topic) => ({ topic, numPartitions: partitions })), waitForLeaders: true });
  await kadmin.disconnect();
  const type = avro.Type.forSchema(schema as unknown as avro.Schema);
  const producer = kafka.producer();
  await producer.connect();
  for (const [t, topic] of names.entries()) {
    const avroTopic = t % 2 === 0;
    const head = Buffer.alloc(5);
    if (avroTopic) head.writeUInt32BE((await registerSchema(`${topic}-value`, { schema: JSON.stringify(schema) }, { actor: admin })).id, 1);
    const messages = Array.from({ length: partitions * perPartition }, (_, n) => {
      const event = {
        event_id: `${topic}-${n}`,
        timestamp: String(n),
        version: "1",
        aggregate_id: `order-${n % 50}`,
        correlation_id: `c-${n}`,
        customer: `customer-${n % 500}`,
      };
      return {
        partition: n % partitions,
        key: event.aggregate_id,
        value: avroTopic ? Buffer.concat([head, type.toBuffer(event)]) : JSON.stringify(event),
      };
    });
    await producer.send({ topic, messages });
  }
  await producer.disconnect();
  const total = topics * partitions * perPartition;
  await registerEnvCluster(admin, env.brokers, "bench");
  const [target] = (await listClusterTargets()).filter((x) => x.kind === "kafka");
  await syncCluster(target!, { withConfigs: true });
  console.log(`${topics} topics × ${partitions} partitions × ${perPartition} records = ${total.toLocaleString("en")} records`);

  /** A bare kafkajs consumer reading every record of every topic, nothing decoded. */
  async function bare(): Promise<number> {
    const consumer = kafka.consumer({ groupId: `bench-bare-${Math.random()}`, maxBytes: 10 * 1024 * 1024 });
    await consumer.connect();
    await consumer.subscribe({ topics: names, fromBeginning: true });
    const started = performance.now();
    let seen = 0;
    let elapsed = 0;
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachBatchAutoResolve: true,
        eachBatch: async ({ batch: b }) => {
          seen += b.messages.length;
          if (seen >= total) {
            elapsed = performance.now() - started;
            resolve();
          }
        },
      });
    });
    await consumer.disconnect();
    return elapsed;
  }

  async function pass(): Promise<number> {
    const started = performance.now();
    const r = await runScorecardPass();
    if (r.coverage.recordsSampled !== total) throw new Error(`sampled ${r.coverage.recordsSampled} of ${total}: ${r.failed.join("; ")}`);
    return performance.now() - started;
  }

  const bareTimes: number[] = [];
  const passTimes: number[] = [];
  for (let r = 0; r < rounds; r++) {
    bareTimes.push(await bare());
    passTimes.push(await pass());
  }
  const rate = (ms: number) => Math.round(total / (ms / 1000)).toLocaleString("en");
  console.log(`\nmedian of ${rounds}:`);
  console.log(`bare kafkajs consumer, same records (baseline)   ${median(bareTimes).toFixed(0)} ms · ${rate(median(bareTimes))} records/s`);
  console.log(
    `scorecard pass (sample, decode, checks, store)   ${median(passTimes).toFixed(0)} ms · ${rate(median(passTimes))} records/s · cost ×${(median(passTimes) / median(bareTimes)).toFixed(2)} of the bare read`,
  );
} finally {
  const { closeConnections } = await import("@/server/lib/lifecycle");
  await closeConnections();
  await env.stop();
}

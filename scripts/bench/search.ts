// `npm run bench -- search`: the message browser's CEL-filtered search over many Avro records on a
// real local Kafka and PostgreSQL, in records scanned per second, as a ratio against a bare kafkajs
// consumer reading and Avro-decoding the same records in the same run; and the time to the first
// result of a filter that matches early, against the time to read the first batch bare.
// Usage: npm run bench -- search [--messages 1000000] [--partitions 4] [--rounds 3]
import avro from "avsc";
import { Kafka, logLevel } from "kafkajs";
import { median, numberArg } from "./args";
import { startBenchEnv } from "./bench-env";

const messages = numberArg("messages", 1_000_000);
const partitions = numberArg("partitions", 4);
const rounds = numberArg("rounds", 3);
const topic = "bench.orders";
const schema = {
  type: "record",
  name: "OrderPlaced",
  fields: [
    { name: "order_id", type: "string" },
    { name: "customer", type: "string" },
    { name: "total", type: "double" },
    { name: "items", type: "int" },
    { name: "currency", type: "string" },
  ],
} as const;

const env = await startBenchEnv({ kafka: true });
try {
  const { registerSchema } = await import("@/server/domain/schemas");
  const { registerEnvCluster, listClusterTargets } = await import("@/server/domain/connections");
  const { systemActor } = await import("@/server/domain/identity");
  const { syncCluster } = await import("@/collectors/catalog-sync/sync-cluster");
  const { searchTopic } = await import("@/server/domain/records");
  const { db } = await import("@/server/db");
  const admin = systemActor("bench");

  const { id: schemaId } = await registerSchema(`${topic}-value`, { schema: JSON.stringify(schema) }, { actor: admin });
  const type = avro.Type.forSchema(schema as unknown as avro.Schema);
  const kafka = new Kafka({ clientId: "bench", brokers: [env.brokers], logLevel: logLevel.NOTHING });
  const kadmin = kafka.admin();
  await kadmin.connect();
  await kadmin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  await kadmin.disconnect();
  const head = Buffer.alloc(5);
  head.writeUInt32BE(schemaId, 1);
  const producer = kafka.producer();
  await producer.connect();
  let t = performance.now();
  const batch = 5_000;
  for (let i = 0; i < messages; i += batch) {
    await producer.send({
      topic,
      messages: Array.from({ length: Math.min(batch, messages - i) }, (_, j) => {
        const n = i + j;
        return {
          partition: n % partitions,
          key: `order-${n}`,
          value: Buffer.concat([
            head,
            type.toBuffer({
              order_id: `order-${n}`,
              customer: `customer-${n % 5000}`,
              total: (n % 1000) / 10,
              items: n % 7,
              currency: n % 10 ? "USD" : "EUR",
            }),
          ]),
        };
      }),
    });
  }
  await producer.disconnect();
  console.log(
    `produced ${messages.toLocaleString("en")} Avro records over ${partitions} partitions in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  await registerEnvCluster(admin, env.brokers, "bench");
  const [target] = (await listClusterTargets()).filter((x) => x.kind === "kafka");
  await syncCluster(target!, { withConfigs: false });
  const topicId = (await db.topic.findFirstOrThrow({ where: { name: topic } })).id;

  /** A bare kafkajs consumer (its own group, from the beginning) reading and Avro-decoding every record. */
  async function bare(stopAfterFirst: boolean): Promise<number> {
    const consumer = kafka.consumer({ groupId: `bench-bare-${Math.random()}`, maxBytes: 10 * 1024 * 1024 });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const started = performance.now();
    let seen = 0;
    let elapsed = 0;
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachBatchAutoResolve: true,
        eachBatch: async ({ batch: b }) => {
          for (const m of b.messages) {
            const decoded = type.fromBuffer(m.value!.subarray(5)) as { currency: string };
            if (decoded.currency === "nothing") throw new Error("unreachable");
          }
          seen += b.messages.length;
          if ((stopAfterFirst && seen > 0) || seen >= messages) {
            elapsed = performance.now() - started;
            resolve();
          }
        },
      });
    });
    await consumer.disconnect();
    return elapsed;
  }

  // A filter no record matches: the search reads and evaluates all of them.
  const scanAll = async () => {
    const started = performance.now();
    const r = await searchTopic(admin, {
      topicId,
      from: "earliest",
      direction: "oldest",
      filter: 'value.currency == "GBP" && value.total > 50.0',
      maxScanned: messages,
      maxSeconds: 300,
    });
    if (r.scanned !== messages) throw new Error(`scanned ${r.scanned} of ${messages} (${r.stoppedBy})`);
    return performance.now() - started;
  };
  const firstHit = async () => {
    const started = performance.now();
    const r = await searchTopic(admin, {
      topicId,
      from: "earliest",
      direction: "oldest",
      filter: 'value.currency == "EUR" && value.items == 3',
      limit: 1,
    });
    if (r.matched !== 1) throw new Error("the early filter found nothing");
    return performance.now() - started;
  };

  const bareAll: number[] = [];
  const ours: number[] = [];
  const bareFirst: number[] = [];
  const oursFirst: number[] = [];
  for (let r = 0; r < rounds; r++) {
    bareAll.push(await bare(false));
    ours.push(await scanAll());
    bareFirst.push(await bare(true));
    oursFirst.push(await firstHit());
  }
  const rate = (ms: number) => messages / (ms / 1000);
  const fmt = (n: number) => Math.round(n).toLocaleString("en");
  console.log(`\n${messages.toLocaleString("en")} records, median of ${rounds}:`);
  console.log(`bare kafkajs consumer + Avro decode (baseline)   ${fmt(rate(median(bareAll)))} records/s`);
  console.log(
    `CEL-filtered search (decode + filter, all read)   ${fmt(rate(median(ours)))} records/s · ratio ${(rate(median(ours)) / rate(median(bareAll))).toFixed(2)}`,
  );
  console.log(`first batch, bare consumer (baseline)             ${median(bareFirst).toFixed(0)} ms`);
  console.log(
    `first result of a filter that matches early       ${median(oursFirst).toFixed(0)} ms · ratio ${(median(oursFirst) / median(bareFirst)).toFixed(2)}`,
  );
} finally {
  const { closeConnections } = await import("@/server/lib/lifecycle");
  await closeConnections();
  await env.stop();
}

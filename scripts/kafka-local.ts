// npm run kafka:local — a real single-node Kafka on 127.0.0.1:${KAFKA_PORT:-9092}, in the foreground.
// Data stays in <EVENTPLANE_DATA_DIR>/kafka, so the next start has the same topics and offsets.
import { join } from "node:path";
import { env } from "@/env";
import { defaultCacheDir, ensureKafkaJars, KafkaSetupError, startKafka } from "./lib/kafka-broker";

try {
  const libs = ensureKafkaJars(defaultCacheDir(env.EVENTPLANE_CACHE_DIR));
  const broker = await startKafka({ libs, dataDir: join(env.EVENTPLANE_DATA_DIR, "kafka"), port: env.KAFKA_PORT });
  console.log(`Kafka is up on ${broker.brokers} (logs in ${join(env.EVENTPLANE_DATA_DIR, "kafka", "server.log")}). Ctrl-C stops it.`);
  const stop = async () => {
    console.log("stopping Kafka…");
    await broker.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  broker.process.once("exit", (code) => {
    console.error(`Kafka exited (code ${code})`);
    process.exit(code ?? 1);
  });
} catch (e) {
  if (e instanceof KafkaSetupError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}

// Starts what the integration tests talk to: a real PostgreSQL (DATABASE_URL's server when set, in a
// fresh database; the embedded one otherwise), a real single-node Kafka, a RabbitMQ node (management
// plugin on) and a NATS server with JetStream, all on free ports.
// The workers inherit the environment set here.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "@/scripts/lib/ports";
import { defaultCacheDir, ensureKafkaJars, startKafka } from "@/scripts/lib/kafka-broker";
import { startNats } from "@/scripts/lib/nats-server";
import { startRabbit } from "@/scripts/lib/rabbitmq-node";
import { ensureDatabase, startEmbeddedPostgres } from "@/server/db/embedded";
import { migrateDatabase } from "@/server/db/migrate";

/** What an Event Hubs namespace's connection string looks like (the test broker accepts it as a PLAIN password). */
export const EVENT_HUBS_CONNECTION_STRING =
  "Endpoint=sb://eventplane-test.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=abc+def/ghi=";

export default async function setup() {
  const dir = mkdtempSync(join(tmpdir(), "eventplane-int-"));
  chmodSync(dir, 0o755); // the embedded server runs as the "postgres" user when we are root
  const cleanups: (() => Promise<void>)[] = [];

  let url: string;
  const external = process.env.DATABASE_URL;
  if (external) {
    const name = `eventplane_test_${process.pid}_${Date.now()}`;
    await ensureDatabase(external, name);
    const u = new URL(external);
    u.pathname = `/${name}`;
    url = u.toString();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: external });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => c.end());
    });
  } else {
    const server = await startEmbeddedPostgres({ dataDir: join(dir, "pg"), port: await freePort(), database: "eventplane_test" });
    url = server.url;
    cleanups.push(server.stop);
  }
  await migrateDatabase(url);

  const libs = ensureKafkaJars(defaultCacheDir(process.env.EVENTPLANE_CACHE_DIR));
  const port = await freePort();
  const saslPort = await freePort();
  const broker = await startKafka({
    libs,
    dataDir: join(dir, "kafka"),
    port,
    controllerPort: await freePort(),
    // alice, and an Azure Event Hubs-style user: "$ConnectionString" with a connection string as password.
    sasl: { port: saslPort, users: { alice: "alice-secret", $ConnectionString: EVENT_HUBS_CONNECTION_STRING } },
  });
  cleanups.push(broker.stop);

  // RabbitMQ and NATS of our own, never the ones that may run on the standard ports.
  const rabbit = await startRabbit({
    dataDir: join(dir, "rabbitmq"),
    port: await freePort(),
    managementPort: await freePort(),
    distPort: await freePort(),
  });
  cleanups.push(rabbit.stop);
  const nats = await startNats({ dataDir: join(dir, "nats"), port: await freePort() });
  cleanups.push(nats.stop);
  process.env.TEST_RABBITMQ_URL = rabbit.managementUrl;
  process.env.TEST_RABBITMQ_AMQP_URL = rabbit.amqpUrl;
  process.env.TEST_RABBITMQ_NODE = rabbit.nodeName;
  process.env.TEST_NATS_URL = nats.url;

  process.env.DATABASE_URL = url;
  process.env.TEST_KAFKA_BROKERS = broker.brokers;
  process.env.TEST_KAFKA_SASL_BROKERS = `127.0.0.1:${saslPort}`;
  process.env.EVENTPLANE_SECRET_KEY = "integration-test-key";
  process.env.KAFKA_BROKERS = "";
  // Webhook receivers in tests listen on 127.0.0.1 (the SSRF guard refuses loopback otherwise).
  process.env.WEBHOOK_ALLOW_TARGETS = "loopback";

  return async () => {
    for (const c of cleanups.reverse()) {
      const t = Date.now();
      await c().catch((e) => console.error("cleanup failed:", e));
      console.log(`[global-setup] cleanup step took ${Date.now() - t} ms`);
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

// The demo's stand-in for a real system (started by `npm run demo`): creates the shop's topics,
// registers its event schemas through Eventplane's registry API (OrderPlaced in two compatible
// versions), seeds alert rules with a signed webhook to a receiver it runs itself, then runs each
// service of `services.ts` as its own traced process.
import { spawn, type ChildProcess } from "node:child_process";
import { Kafka, logLevel } from "kafkajs";
import { EVENTS, orderPlacedV1, subjectOf, type EventType } from "./events";
import { RegistryCodec } from "./registry-codec";
import { demoServicesToken, seedAlerts } from "./seed-alerts";
import { setUpBrokerLegs } from "./broker-legs";
import { SERVICES } from "./services";
import { seedOwners } from "./seed-owners";
import { stopChildren } from "./stop-children";
import { startDemoReceiver } from "./webhook-receiver";

const brokers = (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",");
const baseUrl = process.env.EVENTPLANE_URL ?? "http://127.0.0.1:3000";
const log = (s: string) => console.log(`[demo] ${s}`);

const TOPICS = [
  { topic: "orders", numPartitions: 6 },
  { topic: "payments", numPartitions: 3 },
  { topic: "inventory", numPartitions: 3 },
  { topic: "shipments", numPartitions: 3 },
  { topic: "loyalty", numPartitions: 3 },
  { topic: "notifications", numPartitions: 3, configEntries: [{ name: "retention.ms", value: String(3 * 86_400_000) }] },
  { topic: "orders.DLQ", numPartitions: 1, configEntries: [{ name: "retention.ms", value: String(14 * 86_400_000) }] },
];

await setUpBrokerLegs(log);
// A leg's consumer runs only when its broker is there (npm run demo says what is missing).
const available = Object.entries(SERVICES)
  .filter(([, s]) =>
    s.leg === "email-sender" ? !!process.env.RABBITMQ_AMQP_URL : s.leg === "warehouse-picker" ? !!process.env.NATS_URL : true,
  )
  .map(([n]) => n);

const admin = new Kafka({ clientId: "demo-setup", brokers, logLevel: logLevel.NOTHING }).admin();
await admin.connect();
const existing = new Set(await admin.listTopics());
await admin.createTopics({ topics: TOPICS.filter((t) => !existing.has(t.topic)), waitForLeaders: true });
await admin.disconnect();

// The shop's services authenticate like real ones: one editor token for the registry and OTLP.
const token = await demoServicesToken();

// The registry lives in Eventplane's web process, which may still be starting.
async function registerSchemas() {
  const codec = new RegistryCodec(`${baseUrl}/api/schema-registry`, token);
  for (let attempt = 0; ; attempt++) {
    try {
      await codec.setCompatibility(subjectOf("OrderPlaced"), "FULL_TRANSITIVE");
      await codec.register(subjectOf("OrderPlaced"), orderPlacedV1);
      for (const type of Object.keys(EVENTS) as EventType[]) await codec.register(subjectOf(type), EVENTS[type].schema);
      return;
    } catch (e) {
      if (attempt === 0) log(`waiting for the schema registry at ${baseUrl} (${(e as Error).message})`);
      if (attempt > 600) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
await registerSchemas();
const receiverUrl = await startDemoReceiver(Number(process.env.DEMO_WEBHOOK_PORT ?? 3099), (s) => console.log(`[demo-webhook] ${s}`));
await seedAlerts(receiverUrl);
log(`alert rules ConsumerStopped, AnalyticsFallingBehind, OrdersDeadLetters, NewDeadLetterClass notify ${receiverUrl} (signed)`);
log("schemas registered: orders-value (2 versions), payments-value, inventory-value, notifications-value, shipments-value, loyalty-value");

const children: ChildProcess[] = available.map((name) =>
  spawn(process.execPath, ["--import", "tsx", "scripts/demo/service.ts", name], {
    env: { ...process.env, EVENTPLANE_URL: baseUrl, EVENTPLANE_TOKEN: token },
    stdio: ["ignore", "inherit", "inherit"],
  }),
);
log(`running ${children.length} services: ${available.join(", ")}`);
void seedOwners(log).catch((e: Error) => log(`owners not set: ${e.message}`));

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, async () => {
    await stopChildren(children);
    process.exit(0);
  });
}

// The demo's stand-in for a real system: a small restaurant/e-commerce flow on the local Kafka.
// order-service → orders → billing (→ payments), inventory (→ inventory), notifications; shipping
// reads payments; "analytics" is deliberately slow so its group falls behind, and "reporting" stops
// after a minute.
// It plays the user's services, so it talks to Kafka itself instead of through Eventplane's code.
import { randomUUID } from "node:crypto";
import { Kafka, logLevel, type Producer } from "kafkajs";

const brokers = (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",");
const kafka = (clientId: string) => new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING });
const admin = kafka("demo-setup").admin();
const stop = new AbortController();

const TOPICS = [
  { topic: "orders", numPartitions: 6 },
  { topic: "payments", numPartitions: 3 },
  { topic: "inventory", numPartitions: 3 },
  { topic: "notifications", numPartitions: 3, configEntries: [{ name: "retention.ms", value: String(3 * 86_400_000) }] },
  { topic: "orders.DLQ", numPartitions: 1, configEntries: [{ name: "retention.ms", value: String(14 * 86_400_000) }] },
];

await admin.connect();
const existing = new Set(await admin.listTopics());
await admin.createTopics({ topics: TOPICS.filter((t) => !existing.has(t.topic)), waitForLeaders: true });
await admin.disconnect();

const envelope = (type: string, aggregateId: string, data: object) =>
  JSON.stringify({
    event_id: randomUUID(),
    event_type: type,
    timestamp: new Date().toISOString(),
    version: 1,
    aggregate_id: aggregateId,
    correlation_id: aggregateId,
    data,
  });

async function producer(clientId: string): Promise<Producer> {
  const p = kafka(clientId).producer({ allowAutoTopicCreation: false });
  await p.connect();
  return p;
}

async function service(name: string, groupId: string, topics: string[], handle: (value: string) => Promise<void>, delayMs = 0) {
  const consumer = kafka(name).consumer({ groupId });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    // Commit every second and heartbeat while slow, so a slow consumer makes slow progress instead of
    // losing its batch to a rebalance.
    autoCommitInterval: 1_000,
    eachMessage: async ({ message, heartbeat }) => {
      if (delayMs) {
        await new Promise((r) => setTimeout(r, delayMs));
        await heartbeat();
      }
      await handle(message.value?.toString() ?? "{}");
    },
  });
  stop.signal.addEventListener("abort", () => void consumer.disconnect());
  return consumer;
}

const orders = await producer("order-service");
const billing = await producer("billing-service");
const inventory = await producer("inventory-service");
const notify = await producer("notification-service");

await service("billing-service", "billing", ["orders"], async (v) => {
  const order = JSON.parse(v) as { aggregate_id: string; data: { total: number } };
  await billing.send({
    topic: "payments",
    messages: [{ key: order.aggregate_id, value: envelope("PaymentProcessed", order.aggregate_id, { amount: order.data.total }) }],
  });
});
await service("inventory-service", "inventory", ["orders"], async (v) => {
  const order = JSON.parse(v) as { aggregate_id: string };
  await inventory.send({
    topic: "inventory",
    messages: [{ key: order.aggregate_id, value: envelope("InventoryUpdated", order.aggregate_id, { reserved: 1 }) }],
  });
});
await service("notification-service", "notifications", ["orders", "payments"], async (v) => {
  const e = JSON.parse(v) as { aggregate_id: string; event_type: string };
  await notify.send({
    topic: "notifications",
    messages: [{ key: e.aggregate_id, value: envelope("CustomerNotified", e.aggregate_id, { about: e.event_type }) }],
  });
});
await service("shipping-service", "shipping", ["payments"], async () => undefined);
// A service that crashes after a minute: its group empties, payments keep coming, and the lag
// status of "reporting" turns to STOP.
const reporting = await service("reporting-service", "reporting", ["payments"], async () => undefined);
setTimeout(() => void reporting.disconnect(), 60_000).unref();
// 2 records/s against 2.5 produced: it keeps moving and keeps falling behind (Burrow's WARN).
await service("analytics-service", "analytics", ["orders"], async () => undefined, 500);

console.log("[demo] traffic running: orders → billing/inventory/notifications → payments → shipping; analytics is slow");
const timer = setInterval(() => {
  const id = `order-${randomUUID().slice(0, 8)}`;
  void orders
    .send({
      topic: "orders",
      messages: [{ key: id, value: envelope("OrderPlaced", id, { total: Math.round(Math.random() * 9000) / 100 }) }],
    })
    .catch(() => undefined);
}, 400);

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, async () => {
    clearInterval(timer);
    stop.abort();
    await Promise.allSettled([orders, billing, inventory, notify].map((p) => p.disconnect()));
    process.exit(0);
  });
}

// One demo service as its own process (its own service.name in traces):
//   node --import tsx scripts/demo/service.ts <name>   with KAFKA_BROKERS and EVENTPLANE_URL set.
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { trace } from "@opentelemetry/api";
import { EVENTS, subjectOf, type EventType } from "./events";
import { RegistryCodec } from "./registry-codec";
import { SERVICES, type DemoEvent, type Emit } from "./services";
import { startTracing } from "./tracing";

const name = process.argv[2] ?? "";
const spec = SERVICES[name];
if (!spec) throw new Error(`unknown demo service "${name}"; one of ${Object.keys(SERVICES).join(", ")}`);
const baseUrl = process.env.EVENTPLANE_URL ?? "http://127.0.0.1:3000";
const sdk = startTracing({ service: name, endpoint: baseUrl, encoding: spec.encoding, consumerGroup: spec.group });

// kafkajs is loaded after the SDK has started, through require, so the instrumentation can patch it.
const { Kafka, logLevel } = createRequire(import.meta.url)("kafkajs") as typeof import("kafkajs");
const kafka = new Kafka({
  clientId: name,
  brokers: (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(","),
  logLevel: logLevel.NOTHING,
});
const codec = new RegistryCodec(`${baseUrl}/api/schema-registry`);
for (const type of Object.keys(EVENTS) as EventType[]) await codec.register(subjectOf(type), EVENTS[type].schema);

const producer = kafka.producer({ allowAutoTopicCreation: false });
await producer.connect();
const tracer = trace.getTracer("eventplane-demo");

const event = (type: EventType, cause: Pick<DemoEvent, "aggregate_id" | "correlation_id">, data: Record<string, unknown>): DemoEvent => ({
  event_id: randomUUID(),
  event_type: type,
  timestamp: Date.now(),
  version: 1,
  aggregate_id: cause.aggregate_id,
  correlation_id: cause.correlation_id,
  data,
});

async function emit(cause: Pick<DemoEvent, "aggregate_id" | "correlation_id">, out: Emit[]) {
  for (const { type, data } of out) {
    const e = event(type, cause, data);
    await producer.send({ topic: EVENTS[type].topic, messages: [{ key: e.aggregate_id, value: codec.encode(subjectOf(type), e) }] });
  }
}

async function handle(value: Buffer | null) {
  if (!value || !spec!.react) return;
  const e = await codec.decode<DemoEvent>(value);
  await emit(e, spec!.react(e));
}

const cleanup: (() => Promise<unknown>)[] = [() => producer.disconnect()];
if (spec.group && spec.topics) {
  const consumer = kafka.consumer({ groupId: spec.group });
  await consumer.connect();
  await consumer.subscribe({ topics: spec.topics, fromBeginning: true });
  const delay = () => (spec.delayMs ? new Promise((r) => setTimeout(r, spec.delayMs)) : undefined);
  await consumer.run({
    // Commit every second and heartbeat while slow, so a slow consumer makes slow progress instead of
    // losing its batch to a rebalance.
    autoCommitInterval: 1_000,
    ...(spec.batch
      ? {
          eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
            for (const message of batch.messages) {
              await handle(message.value);
              resolveOffset(message.offset);
              await heartbeat();
            }
          },
        }
      : {
          eachMessage: async ({ message, heartbeat }) => {
            await delay();
            if (spec.delayMs) await heartbeat();
            await handle(message.value);
          },
        }),
  });
  cleanup.unshift(() => consumer.disconnect());
  if (spec.stopAfterMs) setTimeout(() => void consumer.disconnect(), spec.stopAfterMs).unref();
}

if (name === "order-service") {
  // An order every 400 ms, each traced from the moment it is placed (a root span of its own).
  const timer = setInterval(() => {
    const id = `order-${randomUUID().slice(0, 8)}`;
    const items = Array.from({ length: 1 + Math.floor(Math.random() * 3) }, (_, i) => ({ sku: `SKU-${100 + i * 7}`, quantity: 1 + i }));
    const total = Math.round(Math.random() * 9000) / 100;
    void tracer.startActiveSpan("place order", async (span) => {
      span.setAttribute("order.id", id);
      await emit({ aggregate_id: id, correlation_id: id }, [
        { type: "OrderPlaced", data: { customer_id: `cust-${id.slice(6, 10)}`, items, total, currency: "EUR" } },
      ]).catch((e: Error) => span.recordException(e));
      span.end();
    });
  }, 400);
  cleanup.unshift(async () => clearInterval(timer));
}

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, async () => {
    for (const step of cleanup) await step().catch(() => undefined);
    await sdk.shutdown().catch(() => undefined);
    process.exit(0);
  });
}

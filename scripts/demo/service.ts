// One demo service as its own process (its own service.name in traces):
//   node --import tsx scripts/demo/service.ts <name>   with KAFKA_BROKERS and EVENTPLANE_URL set.
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { trace } from "@opentelemetry/api";
import { EVENTS, subjectOf, type EventType } from "./events";
import { RegistryCodec } from "./registry-codec";
import { SERVICES, type DemoEvent, type Emit } from "./services";
import { natsPublisher, rabbitPublisher, runEmailSender, runPicker } from "./broker-legs";
import { startTracing } from "./tracing";

const name = process.argv[2] ?? "";
const spec = SERVICES[name];
if (!spec) throw new Error(`unknown demo service "${name}"; one of ${Object.keys(SERVICES).join(", ")}`);
const baseUrl = process.env.EVENTPLANE_URL ?? "http://127.0.0.1:3000";
const token = process.env.EVENTPLANE_TOKEN;
const sdk = spec.untraced
  ? null
  : startTracing({ service: name, endpoint: baseUrl, encoding: spec.encoding, consumerGroup: spec.group, token });

// kafkajs is loaded after the SDK has started, through require, so the instrumentation can patch it.
const { Kafka, logLevel } = createRequire(import.meta.url)("kafkajs") as typeof import("kafkajs");
const kafka = new Kafka({
  clientId: name,
  brokers: (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(","),
  logLevel: logLevel.NOTHING,
});
const codec = new RegistryCodec(`${baseUrl}/api/schema-registry`, token);
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

let emitted = 0;
async function emit(cause: Pick<DemoEvent, "aggregate_id" | "correlation_id">, out: Emit[]) {
  for (const { type, data } of out) {
    const e = event(type, cause, data);
    const message = { key: spec!.sloppy?.keyless ? null : e.aggregate_id, value: codec.encode(subjectOf(type), e) };
    emitted++;
    // A sloppy producer's retry: the same event (same event_id) sent again.
    const copies = spec!.sloppy?.resendEvery && emitted % spec!.sloppy.resendEvery === 0 ? 2 : 1;
    await producer.send({ topic: EVENTS[type].topic, messages: Array.from({ length: copies }, () => message) });
  }
}

type Received = { topic: string; partition: number; offset: string; timestamp: string; value: Buffer | null };

const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const int64 = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n);
  return b;
};

/** Spring Kafka's DeadLetterPublishingRecoverer headers: numbers as big-endian binary, text as UTF-8. */
async function deadLetter(m: Received, failure: { exception: string; message: string }) {
  await producer.send({
    topic: `${m.topic}.DLQ`,
    messages: [
      {
        value: m.value,
        headers: {
          "kafka_dlt-original-topic": m.topic,
          "kafka_dlt-original-partition": int32(m.partition),
          "kafka_dlt-original-offset": int64(BigInt(m.offset)),
          "kafka_dlt-original-timestamp": int64(BigInt(m.timestamp)),
          "kafka_dlt-original-timestamp-type": "CreateTime",
          "kafka_dlt-original-consumer-group": spec!.group ?? name,
          "kafka_dlt-exception-fqcn": failure.exception,
          "kafka_dlt-exception-message": failure.message,
          "kafka_dlt-exception-stacktrace": `${failure.exception}: ${failure.message}\n\tat com.shop.billing.PaymentHandler.handle(PaymentHandler.java:42)`,
        },
      },
    ],
  });
}

// Beyond Kafka: the order's journey goes on through RabbitMQ or JetStream, in the same trace.
const forwardRabbit = spec.forward === "rabbitmq" ? await rabbitPublisher() : null;
const forwardNats = spec.forward === "nats" ? await natsPublisher() : null;

async function forward(e: DemoEvent) {
  if (e.event_type !== "OrderPlaced") return;
  await forwardRabbit?.({ order: e.aggregate_id, to: `${e.data.customer_id}@shop.example`, template: "order-confirmation" });
  for (const item of (e.data.items as { sku: string; quantity: number }[] | undefined) ?? [])
    if (forwardNats) {
      const pick = event("PickRequested", e, { sku: item.sku, quantity: item.quantity, fragile: Math.random() < 0.05 });
      await forwardNats(codec.encode(subjectOf("PickRequested"), pick));
    }
}

async function handle(m: Received) {
  if (!m.value || !spec!.react) return;
  const e = await codec.decode<DemoEvent>(m.value);
  const failure = spec!.fail?.(e);
  if (failure) return deadLetter(m, failure);
  await emit(e, spec!.react(e));
  await forward(e);
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
              await handle({ topic: batch.topic, partition: batch.partition, ...message });
              resolveOffset(message.offset);
              await heartbeat();
            }
          },
        }
      : {
          eachMessage: async ({ topic, partition, message, heartbeat }) => {
            await delay();
            if (spec.delayMs) await heartbeat();
            await handle({ topic, partition, ...message });
          },
        }),
  });
  cleanup.unshift(() => consumer.disconnect());
  if (spec.stopAfterMs) setTimeout(() => void consumer.disconnect(), spec.stopAfterMs).unref();
}

if (spec.leg === "email-sender") cleanup.unshift(await runEmailSender());
if (spec.leg === "warehouse-picker") cleanup.unshift(await runPicker((bytes) => codec.decode<DemoEvent>(bytes)));

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
    await sdk?.shutdown().catch(() => undefined);
    process.exit(0);
  });
}

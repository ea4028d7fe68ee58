// The demo shop's legs beyond Kafka. RabbitMQ: the notification service sends e-mails through the
// exchange "notifications" to the queue "emails" (dead-letter exchange "emails.dlx" → "emails.dead");
// the e-mail sender rejects about one in twenty. NATS JetStream: the inventory service asks the
// warehouse to pick through the stream WAREHOUSE; the picker fails fragile picks (about one in twenty)
// on every delivery, so JetStream gives up after three deliveries (max_deliver) and says so in an advisory.
import amqp from "amqplib";
import { AckPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, headers as natsHeaders } from "@nats-io/transport-node";
import { processTraced, sendTraced } from "./messaging-spans";

export const RABBIT = { exchange: "notifications", routingKey: "email", queue: "emails", dlx: "emails.dlx", dead: "emails.dead" };
export const NATS = { stream: "WAREHOUSE", subject: "warehouse.pick", consumer: "pickers", maxDeliver: 3 };

export const rabbitAmqpUrl = () => process.env.RABBITMQ_AMQP_URL || null;
export const natsUrl = () => process.env.NATS_URL || null;

/** Declares the queues, exchanges and stream (idempotent: an existing one is kept). */
export async function setUpBrokerLegs(log: (s: string) => void, urls = { amqp: rabbitAmqpUrl(), nats: natsUrl() }): Promise<void> {
  const amqpUrl = urls.amqp;
  if (amqpUrl) {
    const conn = await amqp.connect(amqpUrl);
    const ch = await conn.createChannel();
    await ch.assertExchange(RABBIT.exchange, "direct", { durable: true });
    await ch.assertExchange(RABBIT.dlx, "fanout", { durable: true });
    await ch.assertQueue(RABBIT.dead, { durable: true });
    await ch.bindQueue(RABBIT.dead, RABBIT.dlx, "");
    await ch.assertQueue(RABBIT.queue, { durable: true, arguments: { "x-dead-letter-exchange": RABBIT.dlx } });
    await ch.bindQueue(RABBIT.queue, RABBIT.exchange, RABBIT.routingKey);
    await conn.close();
    log(`RabbitMQ: exchange ${RABBIT.exchange} → queue ${RABBIT.queue} (dead letters → ${RABBIT.dead})`);
  }
  if (urls.nats) {
    const nc = await connect({ servers: urls.nats });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: NATS.stream, subjects: ["warehouse.>"] }).catch(() => undefined);
    await jsm.consumers
      .add(NATS.stream, {
        durable_name: NATS.consumer,
        ack_policy: AckPolicy.Explicit,
        max_deliver: NATS.maxDeliver,
        ack_wait: 10_000_000_000,
      })
      .catch(() => undefined);
    await nc.close();
    log(`NATS JetStream: stream ${NATS.stream} (${NATS.subject}) → consumer ${NATS.consumer} (max ${NATS.maxDeliver} deliveries)`);
  }
}

/** A publisher for the notification service: each e-mail through RabbitMQ, traced. */
export async function rabbitPublisher(): Promise<((email: Record<string, unknown>) => Promise<void>) | null> {
  const url = rabbitAmqpUrl();
  if (!url) return null;
  const ch = await (await amqp.connect(url)).createConfirmChannel();
  return (email) =>
    sendTraced(
      { system: "rabbitmq", destination: `${RABBIT.exchange}:${RABBIT.routingKey}`, routingKey: RABBIT.routingKey },
      async (headers) => {
        ch.publish(RABBIT.exchange, RABBIT.routingKey, Buffer.from(JSON.stringify(email)), {
          headers,
          persistent: true,
          timestamp: Math.floor(Date.now() / 1000),
        });
        await ch.waitForConfirms();
      },
    );
}

/** A publisher for the inventory service: each pick through JetStream, traced. */
export async function natsPublisher(): Promise<((pick: Uint8Array) => Promise<void>) | null> {
  const url = natsUrl();
  if (!url) return null;
  const js = jetstream(await connect({ servers: url }));
  return (pick) =>
    sendTraced({ system: "nats", destination: NATS.subject }, async (carrier) => {
      const h = natsHeaders();
      for (const [k, v] of Object.entries(carrier)) h.set(k, v);
      await js.publish(NATS.subject, pick, { headers: h });
    });
}

/** The e-mail sender: consumes "emails", acknowledges most, rejects some without requeue (dead letters). */
export async function runEmailSender(): Promise<() => Promise<void>> {
  const conn = await amqp.connect(rabbitAmqpUrl()!);
  const ch = await conn.createChannel();
  await ch.prefetch(10);
  await ch.consume(RABBIT.queue, (msg) => {
    if (!msg) return;
    const headers = Object.fromEntries(Object.entries(msg.properties.headers ?? {}).map(([k, v]) => [k, String(v)]));
    void processTraced(
      { system: "rabbitmq", destination: `${RABBIT.exchange}:${RABBIT.routingKey}:${RABBIT.queue}`, routingKey: RABBIT.routingKey },
      headers,
      async () => {
        await new Promise((r) => setTimeout(r, 20));
        if (Math.random() < 0.05) throw new Error("mailbox unavailable");
      },
    ).then(
      () => ch.ack(msg),
      () => ch.nack(msg, false, false),
    );
  });
  return () => conn.close();
}

/** The warehouse picker: pulls picks (registry-framed), acknowledges them, except the poison SKU it fails every time. */
export async function runPicker(decode: (bytes: Buffer) => Promise<{ data: Record<string, unknown> }>): Promise<() => Promise<void>> {
  const nc = await connect({ servers: natsUrl()! });
  const consumer = await jetstream(nc).consumers.get(NATS.stream, NATS.consumer);
  const messages = await consumer.consume({ max_messages: 20 });
  void (async () => {
    for await (const m of messages) {
      const carrier: Record<string, string> = {};
      for (const k of m.headers?.keys() ?? []) carrier[k] = m.headers!.get(k);
      const pick = (await decode(Buffer.from(m.data))).data as { sku?: string; fragile?: boolean };
      await processTraced(
        { system: "nats", destination: NATS.subject, consumerGroup: `${NATS.stream}/${NATS.consumer}` },
        carrier,
        async () => {
          if (pick.fragile) throw new Error(`no shelf takes fragile ${pick.sku}`);
        },
      ).then(
        () => m.ack(),
        () => m.nak(),
      );
    }
  })();
  return async () => {
    await messages.close();
    await nc.close();
  };
}

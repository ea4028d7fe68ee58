// Reading a queue's messages for people, and sending messages (redrive). Reading goes through the
// management API's "get messages" with requeue: the messages stay in the queue, in order, but
// RabbitMQ marks them redelivered (the UI says so). Sending goes over AMQP with publisher confirms.
import amqp from "amqplib";
import type { OutgoingRecord, RawRecord } from "../types";
import { parseRabbitDestination } from "./destination";
import { ManagementError } from "./management";
import type { RabbitConnection } from "./types";

type Got = {
  payload: string;
  payload_encoding: "string" | "base64";
  routing_key: string;
  exchange: string;
  redelivered: boolean;
  message_count: number;
  properties: { headers?: Record<string, unknown>; timestamp?: number; message_id?: string };
};

function headerBuffers(headers: Record<string, unknown> = {}): Record<string, Buffer[]> {
  const out: Record<string, Buffer[]> = {};
  for (const [k, v] of Object.entries(headers)) {
    out[k] = [Buffer.from(typeof v === "string" ? v : JSON.stringify(v))];
  }
  return out;
}

/** The first `count` messages of a queue (oldest first), left in the queue. */
export async function peekQueue(conn: RabbitConnection, destination: string, count: number): Promise<RawRecord[]> {
  const { vhost, name } = parseRabbitDestination(destination);
  const url = `${conn.managementUrl.replace(/\/+$/, "")}/api/queues/${encodeURIComponent(vhost)}/${encodeURIComponent(name)}/get`;
  const res = await fetch(url, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${conn.username}:${conn.password}`).toString("base64")}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ count, ackmode: "ack_requeue_true", encoding: "auto", truncate: 1_000_000 }),
    signal: AbortSignal.timeout(20_000),
  });
  if (!res.ok) throw new ManagementError(`${conn.managementUrl} answered ${res.status} to reading ${vhost}/${name}`, res.status);
  const got = (await res.json()) as Got[];
  return got.map((m, i) => ({
    topic: name,
    partition: 0,
    // A queue has no offsets: the position in this read (0 = the head).
    offset: String(i),
    timestamp: String((m.properties.timestamp ?? 0) * 1000),
    key: Buffer.from(m.routing_key),
    value: Buffer.from(m.payload, m.payload_encoding === "base64" ? "base64" : "utf8"),
    headers: headerBuffers(m.properties.headers),
  }));
}

function amqpUrl(conn: RabbitConnection, vhost: string): string {
  const u = new URL(conn.amqpUrl);
  u.username = encodeURIComponent(conn.username);
  u.password = encodeURIComponent(conn.password);
  u.pathname = `/${encodeURIComponent(vhost)}`;
  return u.toString();
}

/** Publishes to an exchange ("<vhost>/<exchange>"; the record key is the routing key), waiting for
 *  the broker's confirm of each batch, at most `perSecond` a second. */
export async function publish(conn: RabbitConnection, destination: string, records: OutgoingRecord[], perSecond = 50): Promise<void> {
  const { vhost, name: exchange } = parseRabbitDestination(destination);
  const connection = await amqp.connect(amqpUrl(conn, vhost));
  try {
    const channel = await connection.createConfirmChannel();
    for (let i = 0; i < records.length; i += perSecond) {
      const started = Date.now();
      for (const r of records.slice(i, i + perSecond)) {
        const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString("utf8") : v]));
        channel.publish(exchange, r.key?.toString("utf8") ?? "", r.value ?? Buffer.alloc(0), {
          headers,
          persistent: true,
          timestamp: Math.floor(Date.now() / 1000),
        });
      }
      await channel.waitForConfirms();
      const rest = 1_000 - (Date.now() - started);
      if (i + perSecond < records.length && rest > 0) await new Promise((r) => setTimeout(r, rest));
    }
    await channel.close();
  } finally {
    await connection.close().catch(() => undefined);
  }
}

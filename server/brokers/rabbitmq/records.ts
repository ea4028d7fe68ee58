// Reading a queue's messages for people, sending messages, and moving dead letters back (redrive),
// all over AMQP. Reading takes messages from the head without acknowledging them and then returns
// them all (RabbitMQ puts them back in place and marks them redelivered): the queue is left as it
// was. A queue has no offsets, so each message read gets an identity from its content (the same on
// every read while it stays in the queue) that a redrive names it by.
import { createHash } from "node:crypto";
import amqp, { type ConfirmChannel, type GetMessage } from "amqplib";
import type { OutgoingRecord, RawRecord } from "../types";
import { parseRabbitDestination } from "./destination";
import type { RabbitConnection } from "./types";

/** AMQP field values arrive tagged ({"!": "timestamp", value}); people and the dead-letter headers
 *  normaliser want plain values, the same as the management API shows. */
function plain(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return v;
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("!" in o && "value" in o) return plain(o.value);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}

function headerBuffers(headers: Record<string, unknown> = {}): Record<string, Buffer[]> {
  const out: Record<string, Buffer[]> = {};
  for (const [k, raw] of Object.entries(headers)) {
    const v = plain(raw);
    out[k] = [Buffer.isBuffer(v) ? v : Buffer.from(typeof v === "string" ? v : JSON.stringify(v))];
  }
  return out;
}

/** A digest of everything that makes the message what it is (not its delivery: redelivered flag,
 *  delivery tag and queue length change between reads). */
function contentDigest(m: GetMessage): string {
  return createHash("sha256")
    .update(JSON.stringify([m.fields.exchange, m.fields.routingKey, m.properties]))
    .update(m.content)
    .digest("hex")
    .slice(0, 32);
}

function toRecord(queue: string, position: number, m: GetMessage, id: string): RawRecord {
  return {
    topic: queue,
    partition: 0,
    // A queue has no offsets: the position in this read (0 = the head).
    offset: String(position),
    timestamp: String(Number(plain(m.properties.timestamp) ?? 0) * 1000),
    key: Buffer.from(m.fields.routingKey),
    value: m.content,
    headers: headerBuffers(m.properties.headers),
    id,
  };
}

function amqpUrl(conn: RabbitConnection, vhost: string): string {
  const u = new URL(conn.amqpUrl);
  u.username = encodeURIComponent(conn.username);
  u.password = encodeURIComponent(conn.password);
  u.pathname = `/${encodeURIComponent(vhost)}`;
  return u.toString();
}

async function withChannel<T>(conn: RabbitConnection, vhost: string, work: (ch: ConfirmChannel) => Promise<T>): Promise<T> {
  const connection = await amqp.connect(amqpUrl(conn, vhost), { timeout: 10_000 });
  // Failures reach the caller through the awaited calls; an unheard "error" event would crash the process.
  connection.on("error", () => undefined);
  try {
    const channel = await connection.createConfirmChannel();
    channel.on("error", () => undefined);
    const result = await work(channel);
    // Closing waits for the broker's close-ok, which comes after it has handled our acks and nacks.
    await channel.close();
    return result;
  } finally {
    await connection.close().catch(() => undefined);
  }
}

type Held = { message: GetMessage; record: RawRecord };

/** Up to `count` messages from the head, held unacknowledged (so the next get gives the next one). */
async function holdHead(ch: ConfirmChannel, queue: string, count: number): Promise<Held[]> {
  const held: Held[] = [];
  const seen = new Map<string, number>();
  while (held.length < count) {
    const message = await ch.get(queue, { noAck: false });
    if (!message) break;
    const digest = contentDigest(message);
    // Identical messages (same content, headers and death time) are told apart by their order.
    const n = (seen.get(digest) ?? 0) + 1;
    seen.set(digest, n);
    held.push({ message, record: toRecord(queue, held.length, message, n === 1 ? digest : `${digest}.${n}`) });
  }
  return held;
}

/** The first `count` messages of a queue (oldest first), left in the queue. */
export async function peekQueue(conn: RabbitConnection, destination: string, count: number): Promise<RawRecord[]> {
  const { vhost, name } = parseRabbitDestination(destination);
  return withChannel(conn, vhost, async (ch) => {
    const held = await holdHead(ch, name, count);
    ch.nackAll(true);
    return held.map((h) => h.record);
  });
}

/** Publishes to an exchange ("<vhost>/<exchange>"; the record key is the routing key), waiting for
 *  the broker's confirm of each batch, at most `perSecond` a second. */
export async function publish(conn: RabbitConnection, destination: string, records: OutgoingRecord[], perSecond = 50): Promise<void> {
  const { vhost, name: exchange } = parseRabbitDestination(destination);
  await withChannel(conn, vhost, async (channel) => {
    for (let i = 0; i < records.length; i += perSecond) {
      const started = Date.now();
      for (const r of records.slice(i, i + perSecond)) {
        channel.publish(exchange, r.key?.toString("utf8") ?? "", r.value ?? Buffer.alloc(0), {
          headers: textHeaders(r.headers),
          persistent: true,
          timestamp: Math.floor(Date.now() / 1000),
        });
      }
      await channel.waitForConfirms();
      await pace(started, i + perSecond < records.length);
    }
  });
}

function textHeaders(h: OutgoingRecord["headers"]): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString("utf8") : v]));
}

async function pace(started: number, more: boolean): Promise<void> {
  const rest = 1_000 - (Date.now() - started);
  if (more && rest > 0) await new Promise((r) => setTimeout(r, rest));
}

/** What a redrive sends for one message: the queue (same vhost) and the headers it goes back with. */
export type MovePick = { queue: string; headers: OutgoingRecord["headers"] };

export type MoveResult = {
  /** confirmed by the target and taken off the source queue */
  moved: string[];
  /** the broker returned them as unroutable (the target queue is gone): still in the source queue */
  returned: string[];
};

/** The broker confirmed these but the move stopped before the source queue let go of them (or while
 *  one was on its way: `inFlight`); the caller must not offer them for sending again blindly. */
export class MoveInterrupted extends Error {
  constructor(
    message: string,
    readonly confirmed: string[],
    readonly inFlight: string | null,
  ) {
    super(message);
  }
}

/**
 * Takes the messages of the first `window` of a queue that `pick` chooses and republishes each to
 * its queue through the default exchange (so it reaches that queue alone, not every queue bound to
 * the exchange it first came through), mandatory and confirmed, and only then acknowledges it off
 * the source queue; the rest are put back in place. At most `perSecond` a second.
 */
export async function moveMessages(
  conn: RabbitConnection,
  destination: string,
  window: number,
  pick: (record: RawRecord) => MovePick | null,
  perSecond = 50,
): Promise<MoveResult> {
  const { vhost, name } = parseRabbitDestination(destination);
  const moved: string[] = [];
  const returned: string[] = [];
  let inFlight: string | null = null;
  try {
    return await withChannel(conn, vhost, async (ch) => {
      let bounced = false;
      ch.on("return", () => {
        bounced = true;
      });
      const held = await holdHead(ch, name, window);
      let started = Date.now();
      let inSecond = 0;
      for (const { message, record } of held) {
        const target = pick(record);
        if (!target) continue;
        if (inSecond >= perSecond) {
          await pace(started, true);
          started = Date.now();
          inSecond = 0;
        }
        inSecond++;
        inFlight = record.id!;
        bounced = false;
        // user-id would be checked against our own user (and refused); headers are the pick's.
        const { headers: _h, userId: _u, clusterId: _c, ...properties } = message.properties;
        ch.publish("", target.queue, message.content, {
          ...definedOnly(properties),
          headers: textHeaders(target.headers),
          persistent: true,
          mandatory: true,
        });
        // A basic.return comes before the confirm of the same message.
        await ch.waitForConfirms();
        if (bounced) returned.push(record.id!);
        else {
          ch.ack(message);
          moved.push(record.id!);
        }
        inFlight = null;
      }
      ch.nackAll(true);
      return { moved, returned };
    });
  } catch (error) {
    if (!moved.length && inFlight === null) throw error;
    throw new MoveInterrupted((error as Error).message, moved, inFlight);
  }
}

function definedOnly(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, plain(v)]),
  );
}

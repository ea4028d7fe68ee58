// Reading a stream's messages by sequence (JetStream keeps them: reading changes nothing) and
// publishing to a subject with the stream's acknowledgement.
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { headers as natsHeaders } from "@nats-io/transport-node";
import type { OutgoingRecord, RawRecord, ReadRecordResult } from "../types";
import { withNats } from "./connect";
import type { NatsConnection } from "./types";

function toRecord(
  stream: string,
  m: { seq: number; subject: string; time: Date; data: Uint8Array; header?: { keys(): string[]; values(k: string): string[] } },
): RawRecord {
  const headers: Record<string, Buffer[]> = {};
  for (const k of m.header?.keys() ?? []) headers[k] = m.header!.values(k).map((v) => Buffer.from(v));
  return {
    topic: stream,
    partition: 0,
    offset: String(m.seq),
    timestamp: String(m.time.getTime()),
    key: Buffer.from(m.subject),
    value: Buffer.from(m.data),
    headers,
  };
}

export async function readStreamMessage(conn: NatsConnection, stream: string, seq: number): Promise<ReadRecordResult> {
  return withNats(conn, async (nc) => {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(stream);
    if (seq < info.state.first_seq || seq > info.state.last_seq)
      return { status: "out-of-range", low: String(info.state.first_seq), high: String(info.state.last_seq + 1) };
    const m = await jsm.streams.getMessage(stream, { seq });
    return m
      ? { status: "ok", record: toRecord(stream, m) }
      : { status: "out-of-range", low: String(info.state.first_seq), high: String(info.state.last_seq + 1) };
  });
}

/** The newest `count` messages of a stream (deleted sequences are skipped). */
export async function readStreamTail(conn: NatsConnection, stream: string, count: number): Promise<RawRecord[]> {
  return withNats(conn, async (nc) => {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(stream);
    const out: RawRecord[] = [];
    for (let seq = info.state.last_seq; seq >= info.state.first_seq && out.length < count && seq > info.state.last_seq - count * 2; seq--) {
      const m = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (m) out.push(toRecord(stream, m));
    }
    return out.reverse();
  });
}

/** Publishes to a subject (the destination), waiting for the stream's ack of each message. */
export async function publishToSubject(conn: NatsConnection, subject: string, records: OutgoingRecord[], perSecond = 50): Promise<void> {
  await withNats(conn, async (nc) => {
    const js = jetstream(nc);
    for (let i = 0; i < records.length; i += perSecond) {
      const started = Date.now();
      for (const r of records.slice(i, i + perSecond)) {
        const h = natsHeaders();
        for (const [k, v] of Object.entries(r.headers)) h.append(k, Buffer.isBuffer(v) ? v.toString("utf8") : v);
        await js.publish(subject, r.value ?? new Uint8Array(), { headers: h });
      }
      const rest = 1_000 - (Date.now() - started);
      if (i + perSecond < records.length && rest > 0) await new Promise((r) => setTimeout(r, rest));
    }
  });
}

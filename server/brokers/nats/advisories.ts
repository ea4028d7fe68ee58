// JetStream's word that it gave up on a message: a consumer reached max_deliver for it, or a client
// terminated it (+TERM). The server publishes these advisories only to live subscribers, so the worker
// keeps one subscription per connection open; the message itself stays in the stream.
import { connect } from "@nats-io/transport-node";
import { connectOptions } from "./connect";
import type { NatsConnection } from "./types";

export interface JetStreamDeadLetter {
  stream: string;
  consumer: string;
  streamSeq: number;
  deliveries: number;
  reason: "max_deliveries" | "terminated";
  detail: string | null;
  at: Date;
}

const SUBJECTS = ["$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.>", "$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.>"];

export function parseAdvisory(subject: string, data: Uint8Array): JetStreamDeadLetter | null {
  let a: Record<string, unknown>;
  try {
    a = JSON.parse(new TextDecoder().decode(data)) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof a.stream !== "string" || typeof a.consumer !== "string" || typeof a.stream_seq !== "number") return null;
  const at = typeof a.timestamp === "string" ? new Date(a.timestamp) : new Date();
  return {
    stream: a.stream,
    consumer: a.consumer,
    streamSeq: a.stream_seq,
    deliveries: typeof a.deliveries === "number" ? a.deliveries : 0,
    reason: subject.includes(".MSG_TERMINATED.") ? "terminated" : "max_deliveries",
    detail: typeof a.reason === "string" && a.reason ? a.reason : null,
    at: Number.isNaN(at.getTime()) ? new Date() : at,
  };
}

/** Subscribes until stop(); reconnects on its own while the server comes and goes. */
export async function watchDeadLetterAdvisories(
  conn: NatsConnection,
  onEvent: (e: JetStreamDeadLetter) => Promise<void>,
  onError: (e: unknown) => void,
): Promise<{ stop(): Promise<void> }> {
  const nc = await connect({ ...connectOptions(conn), name: "eventplane-advisories", maxReconnectAttempts: -1 });
  const subs = SUBJECTS.map((subject) =>
    nc.subscribe(subject, {
      callback: (err, msg) => {
        if (err) return onError(err);
        const event = parseAdvisory(msg.subject, msg.data);
        if (event) onEvent(event).catch(onError);
      },
    }),
  );
  await nc.flush();
  return {
    async stop() {
      for (const s of subs) s.unsubscribe();
      await nc.drain().catch(() => undefined);
    },
  };
}

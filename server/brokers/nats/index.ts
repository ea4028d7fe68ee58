// The NATS JetStream adapter: streams and consumers through the JetStream API; messages read by
// stream sequence; publishing with the stream's acknowledgement.
import type { BrokerAdapter, ConnectionCheck } from "../types";
import { readNatsCatalog } from "./catalog";
import { withNats } from "./connect";
import { publishToSubject, readStreamMessage, readStreamTail } from "./records";
import type { NatsConnection, NatsSnapshot } from "./types";

export * from "./types";
export { withNats } from "./connect";
export { watchDeadLetterAdvisories, parseAdvisory, type JetStreamDeadLetter } from "./advisories";

function describeNatsError(e: unknown, conn: NatsConnection): string {
  const err = e as { message?: string; code?: string; cause?: { message?: string } };
  const msg = err.message ?? String(e);
  if (/authorization|authentication|AUTHORIZATION_VIOLATION|Authorization Violation/i.test(msg) || err.code === "AUTHORIZATION_VIOLATION")
    return `authentication failed: ${msg}`;
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|CONNECTION_REFUSED|connection refused|timeout/i.test(msg + (err.code ?? "")))
    return `cannot reach ${conn.servers.join(", ")}: ${msg}`;
  if (/jetstream not enabled|503|no responders/i.test(msg)) return `JetStream is not enabled on ${conn.servers.join(", ")}: ${msg}`;
  return msg;
}

async function testNats(conn: NatsConnection): Promise<ConnectionCheck> {
  const started = Date.now();
  try {
    const s = await readNatsServerInfo(conn);
    return {
      ok: true,
      error: null,
      brokers: [{ nodeId: 0, host: s.host, port: s.port }],
      controllerId: null,
      elapsedMs: Date.now() - started,
    };
  } catch (e) {
    return { ok: false, error: describeNatsError(e, conn), brokers: [], controllerId: null, elapsedMs: Date.now() - started };
  }
}

async function readNatsServerInfo(conn: NatsConnection) {
  return withNats(conn, async (nc) => {
    // A JetStream account info request proves JetStream answers, not just the server.
    const { jetstreamManager } = await import("@nats-io/jetstream");
    await (await jetstreamManager(nc, { timeout: 5_000 })).getAccountInfo();
    return { host: nc.info?.host ?? "", port: nc.info?.port ?? 4222 };
  });
}

export const natsAdapter: BrokerAdapter<NatsConnection, NatsSnapshot> = {
  kind: "nats",
  spanSystems: ["nats"],
  deadLetterNames: ["*.dlq", "*-dlq", "*_dlq", "dlq.*", "dlq-*", "*dead-letter*", "*deadletter*", "DLQ_*", "*_DLQ"],
  test: testNats,
  describeError: describeNatsError,
  readCatalog: (conn) => readNatsCatalog(conn),
  readRecord: (conn, stream, _partition, offset) => readStreamMessage(conn, stream, Number(offset)),
  readTail: (conn, stream, count) => readStreamTail(conn, stream, count),
  produce: publishToSubject,
};

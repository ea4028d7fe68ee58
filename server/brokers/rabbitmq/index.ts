// The RabbitMQ adapter: the management HTTP API for the catalog and backlog; AMQP for reading,
// sending and moving dead letters back.
import type { BrokerAdapter, ConnectionCheck } from "../types";
import { readRabbitCatalog } from "./catalog";
import { getJson, ManagementError } from "./management";
import { moveMessages, peekQueue, publish } from "./records";
import type { RabbitConnection, RabbitSnapshot } from "./types";

export * from "./types";
export { rabbitDestination, parseRabbitDestination } from "./destination";
export { readRabbitCatalog } from "./catalog";
export { moveMessages, MoveInterrupted, type MovePick, type MoveResult } from "./records";

function describeRabbitError(e: unknown, conn: RabbitConnection): string {
  if (e instanceof ManagementError) return e.message;
  const msg = (e as Error).message ?? String(e);
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH/i.test(msg)) return `cannot reach ${conn.amqpUrl}: ${msg}`;
  if (/ACCESS_REFUSED|403/i.test(msg)) return `authentication failed: ${msg}`;
  return msg;
}

async function testRabbit(conn: RabbitConnection): Promise<ConnectionCheck> {
  const started = Date.now();
  try {
    const nodes = await getJson<{ name: string }[]>(conn, "/nodes?columns=name", 5_000);
    const { hostname, port } = new URL(conn.managementUrl);
    return {
      ok: true,
      error: null,
      brokers: nodes.map((n, i) => ({ nodeId: i, host: n.name.split("@")[1] ?? hostname, port: Number(port) || 15672 })),
      controllerId: null,
      elapsedMs: Date.now() - started,
    };
  } catch (e) {
    return { ok: false, error: describeRabbitError(e, conn), brokers: [], controllerId: null, elapsedMs: Date.now() - started };
  }
}

export const rabbitAdapter: BrokerAdapter<RabbitConnection, RabbitSnapshot> & { moveMessages: typeof moveMessages } = {
  kind: "rabbitmq",
  spanSystems: ["rabbitmq"],
  // Dead-letter queues are the ones a queue's x-dead-letter-exchange routes to; names are a fallback.
  deadLetterNames: ["*.dlq", "*-dlq", "*_dlq", "dlq.*", "*dead-letter*", "*deadletter*"],
  test: testRabbit,
  describeError: describeRabbitError,
  readCatalog: (conn) => readRabbitCatalog(conn),
  async readRecord(conn, destination, _partition, offset) {
    const n = Number(offset);
    const records = await peekQueue(conn, destination, n + 1);
    const record = records[n];
    return record ? { status: "ok", record } : { status: "out-of-range", low: "0", high: String(records.length) };
  },
  readTail: (conn, destination, count) => peekQueue(conn, destination, count),
  produce: publish,
  moveMessages,
};

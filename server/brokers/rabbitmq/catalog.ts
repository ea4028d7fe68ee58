// One read of a RabbitMQ broker for the catalog: virtual hosts, exchanges, queues (with their backlog
// and rates), bindings and consumers, from the management API.
import { getAll, getJson } from "./management";
import type { RabbitConnection, RabbitSnapshot } from "./types";

type Raw = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const rate = (stats: unknown, key: string): number | null => num(((stats as Raw | undefined)?.[key] as Raw | undefined)?.rate);

function deadLetterSetting(q: Raw, key: string): string | null {
  const args = (q.arguments ?? {}) as Raw;
  const policy = (q.effective_policy_definition ?? {}) as Raw;
  // A queue's own argument wins over a policy (RabbitMQ's precedence for these keys).
  return str(args[`x-${key}`]) ?? str(policy[key]);
}

export async function readRabbitCatalog(conn: RabbitConnection): Promise<RabbitSnapshot> {
  const [overview, nodes, vhosts, exchanges, queues, bindings, consumers] = await Promise.all([
    getJson<Raw>(conn, "/overview"),
    getJson<Raw[]>(conn, "/nodes?columns=name"),
    getJson<Raw[]>(conn, "/vhosts?columns=name"),
    getAll<Raw>(conn, "/exchanges", ["vhost", "name", "type", "durable", "internal", "message_stats"]),
    getAll<Raw>(conn, "/queues", [
      "vhost",
      "name",
      "type",
      "durable",
      "auto_delete",
      "exclusive",
      "arguments",
      "policy",
      "effective_policy_definition",
      "messages_ready",
      "messages_unacknowledged",
      "consumers",
      "head_message_timestamp",
      "message_stats",
    ]),
    getJson<Raw[]>(conn, "/bindings"),
    getJson<Raw[]>(conn, "/consumers"),
  ]);
  return {
    version: str(overview.rabbitmq_version) ?? "",
    nodes: nodes.map((n) => ({ name: String(n.name), host: String(n.name).split("@")[1] ?? "" })),
    vhosts: vhosts.map((v) => String(v.name)),
    exchanges: exchanges.map((e) => ({
      vhost: String(e.vhost),
      name: String(e.name),
      type: String(e.type),
      durable: e.durable === true,
      internal: e.internal === true,
      publishInRate: rate(e.message_stats, "publish_in_details"),
    })),
    queues: queues.map((q) => {
      const head = num(q.head_message_timestamp);
      return {
        vhost: String(q.vhost),
        name: String(q.name),
        type: str(q.type) ?? "classic",
        durable: q.durable === true,
        autoDelete: q.auto_delete === true,
        exclusive: q.exclusive === true,
        arguments: (q.arguments ?? {}) as Record<string, unknown>,
        policy: str(q.policy),
        deadLetterExchange: deadLetterSetting(q, "dead-letter-exchange"),
        deadLetterRoutingKey: deadLetterSetting(q, "dead-letter-routing-key"),
        ready: num(q.messages_ready) ?? 0,
        unacked: num(q.messages_unacknowledged) ?? 0,
        consumers: num(q.consumers) ?? 0,
        // head_message_timestamp is the AMQP timestamp property: seconds since the epoch.
        headMessageAt: head === null ? null : head * 1000,
        publishRate: rate(q.message_stats, "publish_details"),
        deliverRate: rate(q.message_stats, "deliver_get_details"),
        ackRate: rate(q.message_stats, "ack_details"),
      };
    }),
    bindings: bindings.map((b) => ({
      vhost: String(b.vhost),
      source: String(b.source),
      destination: String(b.destination),
      destinationType: b.destination_type === "exchange" ? "exchange" : "queue",
      routingKey: String(b.routing_key ?? ""),
    })),
    consumers: consumers.map((c) => {
      const ch = (c.channel_details ?? {}) as Raw;
      const q = (c.queue ?? {}) as Raw;
      return {
        vhost: String(q.vhost ?? ""),
        queue: String(q.name ?? ""),
        tag: String(c.consumer_tag ?? ""),
        channel: String(ch.name ?? ""),
        connection: String(ch.connection_name ?? ""),
        peerHost: String(ch.peer_host ?? ""),
        ackRequired: c.ack_required === true,
        prefetch: num(c.prefetch_count) ?? 0,
        active: c.active !== false,
      };
    }),
  };
}

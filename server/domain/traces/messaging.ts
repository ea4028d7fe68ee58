// Messaging attributes in current OpenTelemetry semantic conventions. Instrumentations still emit the
// older names unless OTEL_SEMCONV_STABILITY_OPT_IN=messaging, so both are read and the old ones are
// rewritten on ingest; each span then gets the columns searches and journeys use.
import { SPAN_KIND, type Attributes, type AttrValue } from "./span-types";

/** Old name → current name (semantic conventions ≤ 1.23 and the Kafka-specific aliases). */
export const DEPRECATED_MESSAGING_ATTRIBUTES: Record<string, string> = {
  "messaging.kafka.consumer.group": "messaging.consumer.group.name",
  "messaging.kafka.destination.partition": "messaging.destination.partition.id",
  "messaging.kafka.message.offset": "messaging.kafka.offset",
  "messaging.client_id": "messaging.client.id",
  "messaging.operation": "messaging.operation.type",
  "messaging.destination": "messaging.destination.name",
  "messaging.kafka.partition": "messaging.destination.partition.id",
  "messaging.rabbitmq.routing_key": "messaging.rabbitmq.destination.routing_key",
  "messaging.message_id": "messaging.message.id",
  "messaging.conversation_id": "messaging.message.conversation_id",
  "messaging.message_payload_size_bytes": "messaging.message.body.size",
};

/** Values of messaging.operation.type; "publish" and "deliver" are their pre-1.26 names. */
export type MessagingOperation = "create" | "send" | "receive" | "process" | "settle";
const OPERATION_ALIASES: Record<string, MessagingOperation> = { publish: "send", deliver: "process" };
const OPERATIONS = new Set(["create", "send", "receive", "process", "settle"]);

export type MessagingFields = {
  system: string | null;
  operation: MessagingOperation | null;
  destination: string | null;
  consumerGroup: string | null;
  messageKey: string | null;
  partition: number | null;
  offset: bigint | null;
};

export function normalizeAttributes(attributes: Attributes): Attributes {
  let out: Attributes | null = null;
  for (const [old, current] of Object.entries(DEPRECATED_MESSAGING_ATTRIBUTES)) {
    if (!(old in attributes)) continue;
    out ??= { ...attributes };
    if (!(current in out)) out[current] = current === "messaging.destination.partition.id" ? String(attributes[old]) : attributes[old]!;
    delete out[old];
  }
  return out ?? attributes;
}

const text = (v: AttrValue | undefined) => (v === undefined || v === null || typeof v === "object" ? null : String(v));
const integer = (v: AttrValue | undefined) => {
  const s = text(v);
  return s !== null && /^-?\d+$/.test(s) ? s : null;
};

/** Reads normalized attributes; the operation falls back to the span kind when the attribute is missing. */
export function messagingFields(attributes: Attributes, kind: number): MessagingFields {
  const system = text(attributes["messaging.system"]);
  if (!system)
    return { system: null, operation: null, destination: null, consumerGroup: null, messageKey: null, partition: null, offset: null };
  const rawOperation = text(attributes["messaging.operation.type"])?.toLowerCase() ?? null;
  let operation = rawOperation
    ? (OPERATION_ALIASES[rawOperation] ?? (OPERATIONS.has(rawOperation) ? (rawOperation as MessagingOperation) : null))
    : null;
  if (!operation) operation = kind === SPAN_KIND.PRODUCER ? "send" : kind === SPAN_KIND.CONSUMER ? "process" : null;
  const partition = integer(attributes["messaging.destination.partition.id"]);
  const offset = integer(attributes["messaging.kafka.offset"]);
  const rabbit =
    system === "rabbitmq"
      ? rabbitDestination(
          text(attributes["messaging.destination.name"]),
          text(attributes["messaging.rabbitmq.destination.routing_key"]),
          kind,
        )
      : null;
  return {
    system,
    operation,
    destination: rabbit ? rabbit.destination : text(attributes["messaging.destination.name"]),
    consumerGroup: text(attributes["messaging.consumer.group.name"]) ?? rabbit?.queue ?? null,
    messageKey: text(attributes["messaging.kafka.message.key"]) ?? text(attributes["messaging.message.id"]),
    partition: partition === null ? null : Number(partition),
    offset: offset === null ? null : BigInt(offset),
  };
}

/**
 * RabbitMQ's destination forms → what the catalog knows. A producer names `{exchange}:{routing key}`
 * (one part when the other is empty; `amq.default` for the default exchange): its destination is the
 * exchange, or, through the default exchange, the queue the routing key names. A consumer names
 * `{exchange}:{routing key}:{queue}` (empty parts dropped; older instrumentations the exchange alone):
 * its destination is the queue, which is also its consumer "group" (the queue's consumers).
 */
export function rabbitDestination(
  raw: string | null,
  routingKey: string | null,
  kind: number,
): { destination: string | null; queue: string | null } {
  if (raw === null) return { destination: routingKey, queue: null };
  const parts = raw.split(":");
  if (kind === SPAN_KIND.CONSUMER) {
    const queue = parts.length >= 3 ? parts.slice(2).join(":") : parts.length === 2 ? parts[1]! : parts[0]!;
    return { destination: queue, queue };
  }
  const exchange = parts[0]!;
  const key = parts.length > 1 ? parts.slice(1).join(":") : routingKey;
  if (exchange === "" || exchange === "amq.default") return { destination: key ?? exchange, queue: null };
  return { destination: exchange, queue: null };
}

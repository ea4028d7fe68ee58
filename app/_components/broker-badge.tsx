// Which broker a connection, destination or consumer belongs to: one small colored label, the same
// everywhere, so a mixed list reads at a glance.
const BROKERS = {
  kafka: { label: "Kafka", className: "bg-slate-800 text-white" },
  rabbitmq: { label: "RabbitMQ", className: "bg-orange-100 text-orange-800" },
  nats: { label: "NATS", className: "bg-teal-100 text-teal-800" },
} as const;

export type BrokerKindName = keyof typeof BROKERS;

export function BrokerBadge({ kind }: { kind: string }) {
  const b = BROKERS[kind as BrokerKindName] ?? { label: kind, className: "bg-slate-100 text-slate-700" };
  return <span className={`inline-block rounded px-1.5 py-0.5 text-[11px] font-medium leading-none ${b.className}`}>{b.label}</span>;
}

/** What a destination is called on its broker. */
export const DESTINATION_NOUN: Record<string, string> = { topic: "topic", queue: "queue", exchange: "exchange", stream: "stream" };

/** The one consumer model: which broker a consumer row is from, and what it is called there. */
export const BROKER_OF: Record<string, string> = { group: "kafka", queue: "rabbitmq", jetstream: "nats" };
export const CONSUMER_NOUN: Record<string, string> = { group: "group", queue: "queue", jetstream: "consumer" };

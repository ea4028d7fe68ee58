// Where a consumer's failed message can go, by broker: Kafka has no dead-lettering of its own, so a
// dead-letter topic named after what the group reads (orders → orders.DLQ, billing-dlt) or one its
// service is seen producing to; a RabbitMQ queue has a dead-letter exchange; a JetStream consumer
// gives up after max_deliver (Eventplane keeps the advisory and can redrive the message).
import type { GroupRef } from "@/server/domain/consumers";
import type { TopicRef } from "@/server/domain/topics";

export type ProducedTo = { service: string; topic: string };

const isDlq = (t: TopicRef) => t.deadLetter || t.deadLetterByHeaders;

/** The dead-letter path a group has ("orders.DLQ", "dead-letter exchange emails.dlx"), or null. */
export function deadLetterPath(g: GroupRef, topics: TopicRef[], services: Set<string>, produced: ProducedTo[]): string | null {
  if (g.kind === "jetstream") {
    const maxDeliver = Number(g.details.maxDeliver ?? -1);
    return maxDeliver > 0 ? `max_deliver ${maxDeliver} (advisories kept as dead letters)` : null;
  }
  if (g.kind === "queue") {
    const queue = topics.find(
      (t) => t.clusterId === g.clusterId && t.kind === "queue" && g.groupId === (t.namespace === "/" ? t.name : `${t.namespace}/${t.name}`),
    );
    const details = (queue?.details ?? {}) as { deadLetterExchange?: string | null; arguments?: Record<string, unknown> };
    const exchange = details.deadLetterExchange ?? (details.arguments?.["x-dead-letter-exchange"] as string | undefined) ?? null;
    return exchange === null ? null : `dead-letter exchange ${exchange || "(default)"}`;
  }
  const dlqs = topics.filter((t) => t.clusterId === g.clusterId && isDlq(t));
  const names = [...g.topics, g.groupId].map((n) => n.toLowerCase());
  const named = dlqs.find((d) => names.some((n) => d.name.toLowerCase().includes(n)));
  if (named) return named.name;
  const dlqNames = new Set(dlqs.map((d) => d.name));
  const sent = produced.find((p) => services.has(p.service) && dlqNames.has(p.topic));
  return sent ? `${sent.topic} (${sent.service} sends to it)` : null;
}

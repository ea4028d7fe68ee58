// RabbitMQ's dead-letter queues: the queues that a queue's dead-letter exchange (x-dead-letter-exchange,
// from its arguments or a policy) routes to, plus queues named like one. Routing is followed as the
// broker would for the exchange's bindings: a dead-letter routing key, when set, must match a binding
// of a direct exchange; fanout and topic exchanges deliver to every bound queue (topic patterns are
// not evaluated: a queue bound to a dead-letter exchange is there to receive dead letters).
import type { RabbitSnapshot } from "@/server/brokers/rabbitmq";
import { dlqMatcher } from "./dead-letter-names";

export const queueKey = (vhost: string, name: string) => `${vhost}\u001f${name}`;

export function rabbitDeadLetterQueues(s: RabbitSnapshot, namePatterns: readonly string[]): Set<string> {
  const out = new Set<string>();
  const types = new Map(s.exchanges.map((e) => [queueKey(e.vhost, e.name), e.type]));
  for (const q of s.queues) {
    if (q.deadLetterExchange === null) continue;
    // The default exchange ("") routes by queue name: the routing key (or the queue's own name) is the DLQ.
    if (q.deadLetterExchange === "") {
      out.add(queueKey(q.vhost, q.deadLetterRoutingKey ?? q.name));
      continue;
    }
    const type = types.get(queueKey(q.vhost, q.deadLetterExchange));
    for (const b of s.bindings) {
      if (b.vhost !== q.vhost || b.source !== q.deadLetterExchange || b.destinationType !== "queue") continue;
      if (type === "direct" && q.deadLetterRoutingKey !== null && b.routingKey !== q.deadLetterRoutingKey) continue;
      out.add(queueKey(b.vhost, b.destination));
    }
  }
  const named = dlqMatcher(namePatterns);
  for (const q of s.queues) if (named(q.name)) out.add(queueKey(q.vhost, q.name));
  return out;
}

// Messaging spans for the demo's RabbitMQ and NATS legs, written by hand with the OpenTelemetry API
// the way an instrumentation would: a PRODUCER span whose context travels in the message headers
// (W3C traceparent), and a CONSUMER span started from those headers on the other side.
import { context, propagation, SpanKind, trace, type Span } from "@opentelemetry/api";

const tracer = () => trace.getTracer("eventplane-demo-messaging");

export type MessagingTarget = {
  system: "rabbitmq" | "nats";
  /** rabbitmq: "{exchange}:{routing key}" (producer) or "{exchange}:{routing key}:{queue}" (consumer); nats: the subject */
  destination: string;
  routingKey?: string;
  consumerGroup?: string;
};

function attributes(t: MessagingTarget, operation: "send" | "process") {
  return {
    "messaging.system": t.system,
    "messaging.destination.name": t.destination,
    "messaging.operation.type": operation,
    ...(t.routingKey ? { "messaging.rabbitmq.destination.routing_key": t.routingKey } : {}),
    ...(t.consumerGroup ? { "messaging.consumer.group.name": t.consumerGroup } : {}),
  };
}

/** Runs `send` inside a PRODUCER span, with headers carrying the span's context. */
export async function sendTraced<T>(t: MessagingTarget, send: (headers: Record<string, string>) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(`send ${t.destination}`, { kind: SpanKind.PRODUCER, attributes: attributes(t, "send") }, async (span) => {
    const headers: Record<string, string> = {};
    propagation.inject(context.active(), headers);
    try {
      return await send(headers);
    } finally {
      span.end();
    }
  });
}

/** Runs `work` inside a CONSUMER span that continues the trace the headers carry; a throw marks it failed. */
export async function processTraced(
  t: MessagingTarget,
  headers: Record<string, string>,
  work: (span: Span) => Promise<void>,
): Promise<void> {
  const parent = propagation.extract(context.active(), headers);
  await tracer().startActiveSpan(
    `process ${t.destination}`,
    { kind: SpanKind.CONSUMER, attributes: attributes(t, "process") },
    parent,
    async (span) => {
      try {
        await work(span);
      } catch (e) {
        span.recordException(e as Error);
        span.setStatus({ code: 2, message: (e as Error).message });
        throw e;
      } finally {
        span.end();
      }
    },
  );
}

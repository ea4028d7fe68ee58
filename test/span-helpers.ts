// Messaging spans for tests of the traces context: a Kafka producer or consumer span on a topic, with
// random ids (consumers in group "billing"), as an OTLP exporter would have sent it.
import { randomBytes } from "node:crypto";
import { SPAN_KIND, STATUS_CODE, type SpanInput } from "@/server/domain/traces";

export const randomHex = (bytes: number) => randomBytes(bytes).toString("hex");

export function messagingSpan(opts: { kind: number; startNs: bigint; topic: string; service: string; failed?: boolean }): SpanInput {
  const { kind, startNs, topic, service, failed = false } = opts;
  return {
    traceId: randomHex(16),
    spanId: randomHex(8),
    parentSpanId: null,
    name: kind === SPAN_KIND.PRODUCER ? "send" : "process",
    kind,
    startNs,
    endNs: startNs + 1_000_000n,
    statusCode: failed ? STATUS_CODE.ERROR : STATUS_CODE.UNSET,
    statusMessage: failed ? "boom" : null,
    attributes: {
      "messaging.system": "kafka",
      "messaging.destination.name": topic,
      ...(kind === SPAN_KIND.CONSUMER ? { "messaging.consumer.group.name": "billing" } : {}),
    },
    resource: { "service.name": service },
    scope: null,
    events: [],
    links: [],
  };
}

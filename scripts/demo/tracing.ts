// Each demo service traces itself with the OpenTelemetry JS SDK and the kafkajs instrumentation, and
// exports to Eventplane's own OTLP receiver, like any instrumented service would.
import { NodeSDK } from "@opentelemetry/sdk-node";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { KafkaJsInstrumentation } from "@opentelemetry/instrumentation-kafkajs";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";

export function startTracing(opts: {
  service: string;
  endpoint: string;
  encoding: "protobuf" | "json";
  consumerGroup?: string;
  token?: string;
}) {
  const url = `${opts.endpoint.replace(/\/$/, "")}/v1/traces`;
  // What OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer …" would set.
  const headers = opts.token ? { authorization: `Bearer ${opts.token}` } : undefined;
  const exporter = opts.encoding === "json" ? new JsonExporter({ url, headers }) : new ProtoExporter({ url, headers });
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({
      "service.name": opts.service,
      "service.namespace": "demo-shop",
      "deployment.environment.name": "demo",
    }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1_000 })],
    instrumentations: [
      new KafkaJsInstrumentation({
        // The instrumentation does not know the consumer group; semantic conventions want it on
        // receive/process spans, and each demo service process has exactly one.
        consumerHook: (span) => {
          if (opts.consumerGroup) span.setAttribute("messaging.consumer.group.name", opts.consumerGroup);
        },
      }),
    ],
  });
  sdk.start();
  return sdk;
}

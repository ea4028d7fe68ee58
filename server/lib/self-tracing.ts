import { env } from "@/env";

/** Opt-in: EVENTPLANE_SELF_TRACING=1 with OTEL_EXPORTER_OTLP_ENDPOINT traces this process. */
export async function startSelfTracing(serviceName: string): Promise<void> {
  if (!env.EVENTPLANE_SELF_TRACING || !env.OTEL_EXPORTER_OTLP_ENDPOINT) return;
  const { NodeSDK } = await import("@opentelemetry/sdk-node");
  const { OTLPTraceExporter } = await import("@opentelemetry/exporter-trace-otlp-http");
  const { resourceFromAttributes } = await import("@opentelemetry/resources");
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ "service.name": serviceName }),
    traceExporter: new OTLPTraceExporter({ url: `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, "")}/v1/traces` }),
  });
  sdk.start();
  process.once("beforeExit", () => void sdk.shutdown());
}

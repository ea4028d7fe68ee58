import type { Attributes, Context, SpanKind } from "@opentelemetry/api";
import type { Sampler, SamplingResult } from "@opentelemetry/sdk-trace-base";
import { env } from "@/env";

// Next.js traces every request itself once a tracer provider exists. Requests to the OTLP receiver
// are the exporters' own traffic (ours included: exporting would trace the export), and Next's
// module-loading spans without a request around them say nothing; both are dropped at the root.
const NOISE = /\/v1\/traces|^(load route module|prepare route module|resolve page components|start response|load app route module)$/;

class DropReceiverTraffic implements Sampler {
  shouldSample(_ctx: Context, _traceId: string, name: string, _kind: SpanKind, attributes: Attributes): SamplingResult {
    const route = String(attributes["next.route"] ?? attributes["http.target"] ?? attributes["url.path"] ?? "");
    // 0 = NOT_RECORD, 2 = RECORD_AND_SAMPLED (SamplingDecision, a const enum in the SDK).
    return { decision: NOISE.test(name) || route.startsWith("/v1/traces") ? 0 : 2 };
  }
  toString() {
    return "DropReceiverTraffic";
  }
}

/** Opt-in: EVENTPLANE_SELF_TRACING=1 with OTEL_EXPORTER_OTLP_ENDPOINT traces this process. */
export async function startSelfTracing(serviceName: string): Promise<void> {
  if (!env.EVENTPLANE_SELF_TRACING || !env.OTEL_EXPORTER_OTLP_ENDPOINT) return;
  const { NodeSDK } = await import("@opentelemetry/sdk-node");
  const { OTLPTraceExporter } = await import("@opentelemetry/exporter-trace-otlp-http");
  const { resourceFromAttributes } = await import("@opentelemetry/resources");
  const { ParentBasedSampler } = await import("@opentelemetry/sdk-trace-base");
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ "service.name": serviceName }),
    traceExporter: new OTLPTraceExporter({ url: `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, "")}/v1/traces` }),
    // Children follow their root's decision, so a dropped receiver request drops all of its spans.
    sampler: new ParentBasedSampler({ root: new DropReceiverTraffic() }),
  });
  sdk.start();
  process.once("beforeExit", () => void sdk.shutdown());
}

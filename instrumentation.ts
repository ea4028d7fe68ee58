// Next.js calls register() once per server start: with EVENTPLANE_SELF_TRACING=1 and
// OTEL_EXPORTER_OTLP_ENDPOINT set, the web process traces itself like the worker does.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startSelfTracing } = await import("@/server/lib/self-tracing");
  await startSelfTracing("eventplane-web");
}

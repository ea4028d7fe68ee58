// OTLP/HTTP receiver at the standard path, so OTEL_EXPORTER_OTLP_ENDPOINT=<eventplane origin> works.
import { handleOtlpTraces } from "@/server/http/otlp/handle";

export const dynamic = "force-dynamic";
export const POST = handleOtlpTraces;

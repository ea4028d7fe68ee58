// OTLP/HTTP trace receiver (POST /v1/traces), per the OTLP specification: the response is an
// ExportTraceServiceResponse in the request's encoding; rejected spans are reported in
// `partialSuccess`; a malformed batch gets 400 with a google.rpc.Status body and nothing from it is
// stored; 413 over OTLP_MAX_BODY_BYTES (compressed or not); 415 for other content types.
import { env } from "@/env";
import { storeSpanBatch } from "@/server/domain/traces";
import { guarded } from "../guard";
import { BodyTooLargeError, readBoundedBody } from "../read-body";
import { decodeOffThread } from "./decode-off-thread";
import { encodingOf, ExportResponse, OtlpError, type Encoding } from "./decode-request";

function reply(encoding: Encoding, status: number, body: Record<string, unknown>): Response {
  if (encoding === "json") return Response.json(body, { status });
  // Errors carry a google.rpc.Status: field 1 the gRPC code, field 2 the message.
  const message = Buffer.from(String(body.message ?? ""));
  const bytes =
    status === 200
      ? ExportResponse.encode(ExportResponse.fromObject(body)).finish()
      : Buffer.concat([Buffer.from([0x08, Number(body.code), 0x12]), varint(message.length), message]);
  return new Response(Buffer.from(bytes), { status, headers: { "content-type": "application/x-protobuf" } });
}

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}

// OTLP exporters send a Bearer token through OTEL_EXPORTER_OTLP_HEADERS ("Authorization=Bearer …").
export const handleOtlpTraces = guarded("otlp:write", receiveTraces, (r, request) => {
  let encoding: Encoding = "json";
  try {
    encoding = encodingOf(request.headers.get("content-type"));
  } catch {
    // an unknown content type is answered in JSON
  }
  // gRPC codes: 3 INVALID_ARGUMENT, 16 UNAUTHENTICATED, 7 PERMISSION_DENIED, 8 RESOURCE_EXHAUSTED.
  const code = { 400: 3, 401: 16, 403: 7, 429: 8 }[r.status];
  return reply(encoding, r.status, { code, message: r.message });
});

async function receiveTraces(request: Request): Promise<Response> {
  let encoding: Encoding = "json";
  try {
    if (request.method !== "POST") {
      return new Response(JSON.stringify({ message: "OTLP trace export is POST /v1/traces" }), {
        status: 405,
        headers: { allow: "POST", "content-type": "application/json" },
      });
    }
    encoding = encodingOf(request.headers.get("content-type"));
    const limit = env.OTLP_MAX_BODY_BYTES;
    const raw = await readBoundedBody(request, limit);
    const { batch, rejected, reasons } = await decodeOffThread({
      body: raw,
      encoding,
      contentEncoding: request.headers.get("content-encoding"),
      limit,
      retentionHours: env.TRACE_RETENTION_HOURS,
    });
    await storeSpanBatch(batch);
    return reply(
      encoding,
      200,
      rejected
        ? { partialSuccess: { rejectedSpans: String(rejected), errorMessage: `${rejected} span(s) rejected: ${reasons.join("; ")}` } }
        : {},
    );
  } catch (error) {
    if (error instanceof OtlpError) return reply(encoding, error.status, { code: 3, message: error.message });
    if (error instanceof BodyTooLargeError) return reply(encoding, 413, { code: 3, message: error.message });
    console.error("otlp: could not store spans", error);
    // 503 tells exporters to retry later (OTLP's retryable codes), so no data is lost to a hiccup.
    return reply(encoding, 503, { code: 14, message: "Spans could not be stored; retry later" });
  }
}

// An OTLP/HTTP trace export request, from bytes to a plain object: gunzip (bounded, so a gzip bomb is
// refused), then protobuf (with the vendored opentelemetry-proto descriptor) or JSON. Ids come out as
// lowercase hex in both encodings, as OTLP/JSON writes them.
import { gunzipSync } from "node:zlib";
import protobuf from "protobufjs";
import descriptor from "./proto/otlp-trace.json";
import { mediaType } from "../read-body";

export class OtlpError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

const root = protobuf.Root.fromJSON(descriptor as protobuf.INamespace);
export const ExportRequest = root.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest");
export const ExportResponse = root.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse");

export type Encoding = "protobuf" | "json";

export function encodingOf(contentType: string | null): Encoding {
  const type = mediaType(contentType);
  if (type === "application/x-protobuf" || type === "application/protobuf") return "protobuf";
  if (type === "application/json") return "json";
  throw new OtlpError(415, `Unsupported content type "${type || "(none)"}": send application/x-protobuf or application/json`);
}

export function inflate(body: Buffer, contentEncoding: string | null, limit: number): Buffer {
  const encoding = (contentEncoding ?? "identity").trim().toLowerCase();
  if (encoding === "identity" || encoding === "") return body;
  if (encoding !== "gzip") throw new OtlpError(415, `Unsupported content encoding "${encoding}": send gzip or no encoding`);
  try {
    return gunzipSync(body, { maxOutputLength: limit });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) {
      throw new OtlpError(413, `Decompressed body exceeds the limit of ${limit} bytes`);
    }
    throw new OtlpError(400, `Body is not valid gzip: ${(error as Error).message}`);
  }
}

// Protobuf `bytes` fields holding ids (span, parent and link ids), base64 from toObject, to hex in
// place; every other bytes value (AnyValue.bytesValue) stays base64. Only the places OTLP puts ids
// are visited: copying the whole tree to find them was a quarter of the receiver's time.
type Obj = Record<string, unknown>;
const each = (value: unknown, visit: (o: Obj) => void) => {
  if (Array.isArray(value)) for (const v of value) if (v && typeof v === "object") visit(v as Obj);
};
const toHex = (o: Obj, key: string) => {
  if (typeof o[key] === "string") o[key] = Buffer.from(o[key], "base64").toString("hex");
};

function idsToHex(request: Obj): Obj {
  each(request.resourceSpans, (rs) =>
    // instrumentationLibrarySpans: the name before OTLP 0.15, still sent by old SDKs.
    [rs.scopeSpans, rs.instrumentationLibrarySpans].forEach((scopes) =>
      each(scopes, (ss) =>
        each(ss.spans, (span) => {
          toHex(span, "traceId");
          toHex(span, "spanId");
          toHex(span, "parentSpanId");
          each(span.links, (link) => {
            toHex(link, "traceId");
            toHex(link, "spanId");
          });
        }),
      ),
    ),
  );
  return request;
}

export function decodeBody(bytes: Buffer, encoding: Encoding): Record<string, unknown> {
  if (encoding === "protobuf") {
    let message: protobuf.Message;
    try {
      message = ExportRequest.decode(bytes);
    } catch (error) {
      throw new OtlpError(400, `Malformed protobuf ExportTraceServiceRequest: ${(error as Error).message}`);
    }
    try {
      return idsToHex(ExportRequest.toObject(message, { longs: String, enums: Number, bytes: String, defaults: false }));
    } catch (error) {
      // Nesting deep enough to exhaust the stack is not OTLP anyone sends: malformed, not a server fault.
      if (error instanceof RangeError) throw new OtlpError(400, "Malformed protobuf ExportTraceServiceRequest: nested too deeply");
      throw error;
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new OtlpError(400, `Malformed JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    throw new OtlpError(400, "Malformed JSON: expected an ExportTraceServiceRequest object");
  return parsed as Record<string, unknown>;
}

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

// Protobuf `bytes` fields holding ids; every other bytes value (AnyValue.bytesValue) stays base64.
const ID_FIELDS = new Set(["traceId", "spanId", "parentSpanId"]);

function idsToHex(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => idsToHex(v));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, idsToHex(v, k)]));
  }
  if (ID_FIELDS.has(key) && typeof value === "string") return Buffer.from(value, "base64").toString("hex");
  return value;
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
      return idsToHex(ExportRequest.toObject(message, { longs: String, enums: Number, bytes: String, defaults: false })) as Record<
        string,
        unknown
      >;
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

// ExportTraceServiceRequest (as a plain object, ids in hex) → the traces domain's SpanInput. A batch
// whose structure is not OTLP traces is malformed as a whole (400, nothing stored); a span that
// breaks the span contract (bad ids, end before start) is rejected alone and counted for
// `partialSuccess`.
import type { AttrValue, Attributes, SpanInput } from "@/server/domain/traces";
import { unstorableText } from "@/server/lib/storable-text";
import { OtlpError } from "./decode-request";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

const KINDS = [
  "SPAN_KIND_UNSPECIFIED",
  "SPAN_KIND_INTERNAL",
  "SPAN_KIND_SERVER",
  "SPAN_KIND_CLIENT",
  "SPAN_KIND_PRODUCER",
  "SPAN_KIND_CONSUMER",
];
const STATUSES = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"];
const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

function list(value: unknown, where: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpError(400, `Malformed ExportTraceServiceRequest: ${where} must be a list`);
  return value;
}

const MAX_NESTING = 16;
const MAX_NS = 2n ** 63n - 1n; // PostgreSQL bigint
/** Spans may start a little in the future (clock skew); a day ahead is a broken clock, and would escape retention. */
const MAX_FUTURE_NS = 86_400n * 1_000_000_000n;

/** OTLP AnyValue → JSON value; int64 stays a number when it is exact, else a decimal string. */
export function anyValue(v: unknown, depth = 0): AttrValue {
  if (depth > MAX_NESTING)
    throw new OtlpError(400, `Malformed ExportTraceServiceRequest: attribute values nest deeper than ${MAX_NESTING} levels`);
  if (!isObj(v)) return null;
  if ("stringValue" in v) return String(v.stringValue);
  if ("boolValue" in v) return Boolean(v.boolValue);
  if ("intValue" in v) {
    const n = Number(v.intValue);
    return Number.isSafeInteger(n) ? n : String(v.intValue);
  }
  if ("doubleValue" in v) return Number(v.doubleValue);
  if ("bytesValue" in v) return String(v.bytesValue);
  if ("arrayValue" in v) return list((v.arrayValue as Obj | undefined)?.values, "arrayValue.values").map((x) => anyValue(x, depth + 1));
  if ("kvlistValue" in v) return attributes((v.kvlistValue as Obj | undefined)?.values, "kvlistValue.values", depth + 1);
  return null;
}

function attributes(value: unknown, where: string, depth = 0): Attributes {
  const out: Attributes = {};
  for (const kv of list(value, where)) {
    if (isObj(kv) && typeof kv.key === "string") out[kv.key] = anyValue(kv.value, depth);
  }
  return out;
}

/** The enum's number, or null when it names no value of it. */
function enumValue(value: unknown, names: string[]): number | null {
  if (value === undefined || value === null) return 0;
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 && value < names.length ? value : null;
  if (typeof value === "string") return names.indexOf(value) >= 0 ? names.indexOf(value) : null;
  return null;
}

function nanos(value: unknown): bigint | null {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return BigInt(Math.round(value));
  if (typeof value === "string" && /^\d+$/.test(value)) return BigInt(value);
  return null;
}

const hex = (value: unknown) => (typeof value === "string" ? value.toLowerCase() : "");
const nonZero = (id: string) => /[1-9a-f]/.test(id);

export type ReadResult = { spans: SpanInput[]; rejected: number; reasons: string[] };

/**
 * `retentionHours`: spans that started before the retention window are refused, not stored: retention
 * would drop them within a minute, and each distinct day of them would cost a table made for nothing
 * (spans are kept in one table per day), so a sender with a wild clock could fill the catalogue.
 */
export function readSpans(request: Obj, opts: { nowMs?: number; retentionHours?: number } = {}): ReadResult {
  const nowMs = opts.nowMs ?? Date.now();
  const latestStart = BigInt(nowMs) * 1_000_000n + MAX_FUTURE_NS;
  const earliestStart = opts.retentionHours === undefined ? null : BigInt(nowMs - opts.retentionHours * 3_600_000) * 1_000_000n;
  if (request.resourceSpans === undefined && (request.resourceLogs !== undefined || request.resourceMetrics !== undefined)) {
    throw new OtlpError(400, "This is a logs or metrics export, not traces: send it to the matching OTLP endpoint (/v1/logs, /v1/metrics)");
  }
  const spans: SpanInput[] = [];
  const reasons = new Set<string>();
  let rejected = 0;
  const reject = (reason: string) => {
    rejected++;
    reasons.add(reason);
  };
  for (const rs of list(request.resourceSpans, "resourceSpans")) {
    if (!isObj(rs)) throw new OtlpError(400, "Malformed ExportTraceServiceRequest: resourceSpans entries must be objects");
    const resource = attributes((rs.resource as Obj | undefined)?.attributes, "resource.attributes");
    // Checked once here rather than with each of the spans that share it.
    const resourceProblem = unstorableText(resource);
    // instrumentationLibrarySpans: the name before OTLP 0.15, still sent by old SDKs.
    const scopes = list(rs.scopeSpans ?? rs.instrumentationLibrarySpans, "scopeSpans");
    for (const ss of scopes) {
      if (!isObj(ss)) throw new OtlpError(400, "Malformed ExportTraceServiceRequest: scopeSpans entries must be objects");
      const rawScope = (ss.scope ?? ss.instrumentationLibrary) as Obj | undefined;
      const scope =
        isObj(rawScope) && typeof rawScope.name === "string"
          ? { name: rawScope.name, ...(rawScope.version ? { version: String(rawScope.version) } : {}) }
          : null;
      const sharedProblem = resourceProblem ?? unstorableText(scope);
      for (const s of list(ss.spans, "spans")) {
        if (!isObj(s)) throw new OtlpError(400, "Malformed ExportTraceServiceRequest: spans must be objects");
        const traceId = hex(s.traceId);
        const spanId = hex(s.spanId);
        const parent = hex(s.parentSpanId);
        const startNs = nanos(s.startTimeUnixNano);
        const endNs = nanos(s.endTimeUnixNano);
        if (!TRACE_ID.test(traceId) || !nonZero(traceId)) reject("traceId must be 16 bytes, not all zero");
        else if (!SPAN_ID.test(spanId) || !nonZero(spanId)) reject("spanId must be 8 bytes, not all zero");
        else if (parent && !SPAN_ID.test(parent)) reject("parentSpanId must be 8 bytes or empty");
        else if (startNs === null || endNs === null) reject("startTimeUnixNano and endTimeUnixNano are required");
        else if (endNs < startNs) reject("endTimeUnixNano is before startTimeUnixNano");
        else if (endNs > MAX_NS) reject("endTimeUnixNano is out of range");
        else if (startNs > latestStart) reject("startTimeUnixNano is more than a day in the future (check the sender's clock)");
        else if (earliestStart !== null && startNs < earliestStart)
          reject("startTimeUnixNano is older than the retention (TRACE_RETENTION_HOURS): such a span would be dropped at once");
        else if (enumValue(s.kind, KINDS) === null) reject("kind is not a SpanKind");
        else if (enumValue(isObj(s.status) ? s.status.code : undefined, STATUSES) === null) reject("status.code is not a StatusCode");
        else {
          const status = isObj(s.status) ? s.status : {};
          const span: SpanInput = {
            traceId,
            spanId,
            parentSpanId: parent && nonZero(parent) ? parent : null,
            name: typeof s.name === "string" && s.name ? s.name : "(unnamed)",
            kind: enumValue(s.kind, KINDS)!,
            startNs,
            endNs,
            statusCode: enumValue(status.code, STATUSES)!,
            statusMessage: typeof status.message === "string" && status.message ? status.message : null,
            attributes: attributes(s.attributes, "span.attributes"),
            resource,
            scope,
            events: list(s.events, "span.events").flatMap((e) => {
              const timeNs = isObj(e) ? nanos(e.timeUnixNano) : null;
              return isObj(e) && timeNs !== null && timeNs <= MAX_NS
                ? [{ timeNs, name: String(e.name ?? ""), attributes: attributes(e.attributes, "event.attributes") }]
                : [];
            }),
            links: list(s.links, "span.links").flatMap((l) => {
              if (!isObj(l) || !TRACE_ID.test(hex(l.traceId)) || !SPAN_ID.test(hex(l.spanId))) return [];
              return [{ traceId: hex(l.traceId), spanId: hex(l.spanId), attributes: attributes(l.attributes, "link.attributes") }];
            }),
          };
          // A span with text PostgreSQL cannot hold (NUL, unpaired surrogates) could never be stored.
          // Ids are hex and times numbers already: the text is in these.
          const problem =
            sharedProblem ??
            unstorableText(span.name) ??
            unstorableText(span.statusMessage) ??
            unstorableText(span.attributes) ??
            unstorableText(span.events) ??
            unstorableText(span.links);
          if (problem) reject(`a string holds ${problem}, which cannot be stored`);
          else spans.push(span);
        }
      }
    }
  }
  return { spans, rejected, reasons: [...reasons] };
}

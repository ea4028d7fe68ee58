// A record as people and API clients read it: position, time, decoded key and value, headers as
// text, its size, and the trace that produced it (from a W3C traceparent header).
import type { RawRecord } from "@/server/brokers";
import { isUtf8, type DecodedPayload } from "@/server/domain/schemas";

export type PresentedRecord = {
  partition: number;
  offset: string;
  timestamp: string;
  key: DecodedPayload;
  value: DecodedPayload;
  headers: { name: string; value: string }[];
  size: number;
  trace: { traceId: string; spanId: string } | null;
};

/** `00-<trace id>-<span id>-<flags>` → ids, or null when the header is not a valid W3C traceparent. */
export function parseTraceparent(value: string): { traceId: string; spanId: string } | null {
  const m = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(value.trim().toLowerCase());
  if (!m || m[1] === "ff" || /^0+$/.test(m[2]!) || /^0+$/.test(m[3]!)) return null;
  return { traceId: m[2]!, spanId: m[3]! };
}

export function presentRecord(r: RawRecord, key: DecodedPayload, value: DecodedPayload): PresentedRecord {
  const headers = Object.entries(r.headers).flatMap(([name, values]) =>
    values.map((v) => ({ name, value: isUtf8(v) ? v.toString("utf8") : `0x${v.toString("hex")}` })),
  );
  const traceparent = headers.find((h) => h.name.toLowerCase() === "traceparent");
  return {
    partition: r.partition,
    offset: r.offset,
    timestamp: new Date(Number(r.timestamp)).toISOString(),
    key,
    value,
    headers,
    size: (r.key?.length ?? 0) + (r.value?.length ?? 0),
    trace: traceparent ? parseTraceparent(traceparent.value) : null,
  };
}

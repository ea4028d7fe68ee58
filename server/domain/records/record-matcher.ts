// One record through decoding and the filter: what search, tail and export share. Records the filter
// cannot be evaluated on (a field missing, a type mismatch) count as not matching, and are counted.
import type { RawRecord } from "@/server/brokers";
import { createPayloadDecoder, type DecodedPayload } from "@/server/domain/schemas";
import { compileFilter, type FilterSubject } from "./filter";
import { presentRecord, type PresentedRecord } from "./present-record";

/** matchNow's answer when the record needs a schema not yet loaded: call match. */
export const NOT_YET = Symbol("not yet");

export interface RecordMatcher {
  /** the record decoded, when the filter keeps it; null when not */
  match(r: RawRecord): Promise<PresentedRecord | null>;
  /** the same without waiting, or NOT_YET (a scan of a million records pays no promise per record) */
  matchNow(r: RawRecord): PresentedRecord | null | typeof NOT_YET;
  readonly errors: number;
  readonly firstError: string | null;
}

/** `mask` is the reader's masker: masked fields are what the filter sees too, so a filter cannot
 *  be used to guess them. */
export function createRecordMatcher(
  filter: string | undefined,
  mask: (p: DecodedPayload, part: "key" | "value") => DecodedPayload = (p) => p,
): RecordMatcher {
  const accepts = filter?.trim() ? compileFilter(filter) : null;
  const decoder = createPayloadDecoder();
  let errors = 0;
  let firstError: string | null = null;
  const judge = (r: RawRecord, key: DecodedPayload, value: DecodedPayload): PresentedRecord | null => {
    if (accepts) {
      let ok = false;
      try {
        ok = accepts(filterSubject(r, key, value));
      } catch (error) {
        errors++;
        firstError ??= `${r.partition}/${r.offset}: ${(error as Error).message.split("\n")[0]}`;
      }
      if (!ok) return null;
    }
    return presentRecord(r, key, value);
  };
  return {
    matchNow(r) {
      const key = decoder.decodeNow(r.key, `${r.topic}-key`);
      const value = key && decoder.decodeNow(r.value, `${r.topic}-value`);
      if (!key || !value) return NOT_YET;
      return judge(r, mask(key, "key"), mask(value, "value"));
    },
    async match(r) {
      const key = mask(await decoder.decode(r.key, `${r.topic}-key`), "key");
      const value = mask(await decoder.decode(r.value, `${r.topic}-value`), "value");
      return judge(r, key, value);
    },
    get errors() {
      return errors;
    },
    get firstError() {
      return firstError;
    },
  };
}

function filterSubject(r: RawRecord, key: DecodedPayload, value: DecodedPayload): FilterSubject {
  const headers = new Map<string, string>();
  for (const [name, values] of Object.entries(r.headers)) if (values[0]) headers.set(name, values[0].toString("utf8"));
  return {
    key: celValue(key),
    value: celValue(value),
    headers,
    partition: r.partition,
    offset: r.offset,
    timestamp: Number(r.timestamp),
    size: (r.key?.length ?? 0) + (r.value?.length ?? 0),
  };
}

/** JSON numbers are doubles; whole ones become CEL ints, so `value.qty % 2 == 0` works as people expect
 *  (ints and doubles still compare with each other). */
function celNumbers(v: unknown): unknown {
  if (typeof v === "number") return Number.isSafeInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(celNumbers);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, celNumbers(x)]));
  return v;
}

/** What a filter sees of a payload: the decoded object, JSON text parsed, other text as a string. */
function celValue(p: DecodedPayload): unknown {
  switch (p.kind) {
    case "schema":
      return celNumbers(p.json);
    case "text": {
      const t = p.text.trim();
      if (t.startsWith("{") || t.startsWith("[")) {
        try {
          return celNumbers(JSON.parse(t));
        } catch {
          return p.text;
        }
      }
      return p.text;
    }
    case "empty":
      return null;
    default:
      return p.hex;
  }
}

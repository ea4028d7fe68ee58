// The message browser's search: read a topic by position (one partition or all), newest or oldest
// first, decode each record with its writer schema, keep those a CEL filter accepts, and stop at
// whichever comes first: the page is full, the budget of records scanned or seconds is spent, the
// range is read, or the person cancelled. What is left is a cursor: "continue from here".
//
// Oldest first reads each partition forward from the start position to its end at the time of the
// search. Newest first reads each partition backwards in windows (each window forward, then
// reversed), from the start position down to the partition's first offset. Partitions take turns,
// a chunk at a time, so one busy partition cannot starve the others of the budget.
import { z } from "zod";
import type { PositionReader, RawRecord } from "@/server/brokers";
import { DomainError, parseInput } from "@/server/errors";
import type { DecodedPayload } from "@/server/domain/schemas";
import { MAX_FILTER_LENGTH } from "./filter";
import type { PresentedRecord } from "./present-record";
import { createRecordMatcher, NOT_YET } from "./record-matcher";
import { decodeCursor, encodeCursor, type Cursor } from "./search-cursor";

export const SearchOptions = z.object({
  from: z.enum(["earliest", "latest", "offset", "timestamp"]).default("latest"),
  /** with from=offset */
  offset: z
    .string()
    .regex(/^\d{1,19}$/, "an offset is a whole number")
    .optional(),
  /** with from=timestamp: ISO 8601 */
  timestamp: z.string().datetime({ offset: true, message: "a time is ISO 8601, e.g. 2026-11-30T10:00:00Z" }).optional(),
  partition: z.number().int().min(0).max(100_000).optional(),
  direction: z.enum(["newest", "oldest"]).default("newest"),
  filter: z.string().max(MAX_FILTER_LENGTH).optional(),
  limit: z.number().int().min(1).max(500).default(50),
  maxScanned: z.number().int().min(1).max(10_000_000).default(100_000),
  maxSeconds: z.number().min(1).max(300).default(20),
  /** where an earlier search stopped: continue from there with the same settings */
  cursor: z.string().max(50_000).optional(),
});
export type SearchOptions = z.input<typeof SearchOptions>;

export type SearchProgress = { scanned: number; matched: number; total: number };
export type StopReason = "limit" | "scanned-budget" | "time-budget" | "end" | "cancelled";

export interface SearchResult {
  messages: PresentedRecord[];
  scanned: number;
  matched: number;
  /** records in the range when the search began (about: compaction leaves gaps) */
  total: number;
  stoppedBy: StopReason;
  /** continue from here (absent when the range is read) */
  cursor: string | null;
  /** records the filter could not be evaluated on (counted as not matching), with the first reason */
  filterErrors: number;
  firstFilterError: string | null;
}

export interface SearchContext {
  topic: string;
  reader: PositionReader;
  signal?: AbortSignal;
  onProgress?: (p: SearchProgress) => void;
  /** the browser's live list: each match as it is found */
  onMatch?: (m: PresentedRecord) => void;
  now?: () => number;
  /** the reader's masker (masking rules of their role) */
  mask?: (p: DecodedPayload, part: "key" | "value") => DecodedPayload;
}

const CHUNK_BYTES = 1024 * 1024;
const WINDOW = 1_000n;

type Chunk = { records: RawRecord[]; next: bigint };
/** `ahead`: the next chunk, already asked for while this one is being evaluated (oldest first). */
type Lane = { partition: number; low: bigint; high: bigint; pos: bigint; done: boolean; ahead?: { at: bigint; chunk: Promise<Chunk> } };

export async function searchRecords(raw: SearchOptions, ctx: SearchContext): Promise<SearchResult> {
  const o = parseInput(SearchOptions, raw);
  const matcher = createRecordMatcher(o.filter, ctx.mask);
  const now = ctx.now ?? Date.now;
  const deadline = now() + o.maxSeconds * 1000;
  const partitions = (await ctx.reader.partitions()).filter((p) => o.partition === undefined || p.partition === o.partition);
  if (o.partition !== undefined && !partitions.length)
    throw new DomainError("INVALID_INPUT", `${ctx.topic} has no partition ${o.partition}`);
  const lanes = o.cursor ? resume(decodeCursor(o.cursor, o.direction), partitions) : await start(o, partitions, ctx.reader);
  const total = lanes.reduce((n, l) => n + Number(o.direction === "oldest" ? l.high - l.pos : l.pos - l.low), 0);

  const found: PresentedRecord[] = [];
  let scanned = 0;
  let stoppedBy: StopReason | null = null;
  const progress = () => ctx.onProgress?.({ scanned, matched: found.length, total });

  /** Scans records in order until the search must stop; answers how many it looked at. */
  const consider = async (records: RawRecord[], keep: (m: PresentedRecord) => boolean): Promise<number> => {
    let used = 0;
    for (const r of records) {
      if (ctx.signal?.aborted) stoppedBy = "cancelled";
      else if (scanned >= o.maxScanned) stoppedBy = "scanned-budget";
      else if (now() >= deadline) stoppedBy = "time-budget";
      if (stoppedBy) break;
      used++;
      scanned++;
      const ready = matcher.matchNow(r);
      const m = ready === NOT_YET ? await matcher.match(r) : ready;
      if (m && !keep(m)) break;
    }
    return used;
  };

  const read = (lane: Lane, at: bigint): Promise<Chunk> => {
    const hit = lane.ahead?.at === at ? lane.ahead.chunk : null;
    lane.ahead = undefined;
    return hit ?? ctx.reader.read(lane.partition, at, CHUNK_BYTES);
  };
  const readAhead = (lane: Lane, at: bigint) => {
    if (at >= lane.high) return;
    const chunk = ctx.reader.read(lane.partition, at, CHUNK_BYTES);
    // An answer nobody waits for (the search stopped first) must not fail the process.
    chunk.catch(() => undefined);
    lane.ahead = { at, chunk };
  };

  const active = () => lanes.filter((l) => !l.done);
  while (!stoppedBy && active().length) {
    for (const lane of active()) {
      if (stoppedBy) break;
      if (o.direction === "oldest") await forward(lane);
      else await backward(lane);
      progress();
    }
  }
  stoppedBy ??= "end";

  async function forward(lane: Lane) {
    const { records, next } = await read(lane, lane.pos);
    // The broker reads the next chunk while this one is decoded and filtered.
    if (next > lane.pos) readAhead(lane, next);
    if (!records.length && next <= lane.pos) {
      lane.done = true; // nothing more readable now (an open transaction holds the rest)
      return;
    }
    const inRange = records.filter((r) => BigInt(r.offset) < lane.high);
    let full = false;
    const used = await consider(inRange, (m) => {
      found.push(m);
      ctx.onMatch?.(m);
      full = found.length >= o.limit;
      return !full;
    });
    if (used < inRange.length || full) {
      // Stopped inside this chunk: continue right after the last record looked at.
      const last = inRange[used - 1];
      if (last) lane.pos = BigInt(last.offset) + 1n;
      if (full && !stoppedBy) stoppedBy = "limit";
      return;
    }
    lane.pos = next > lane.high ? lane.high : next;
    if (lane.pos >= lane.high) lane.done = true;
  }

  async function backward(lane: Lane) {
    const from = lane.pos - WINDOW > lane.low ? lane.pos - WINDOW : lane.low;
    const window: RawRecord[] = [];
    for (let at = from; at < lane.pos;) {
      const { records, next } = await ctx.reader.read(lane.partition, at, CHUNK_BYTES);
      window.push(...records.filter((r) => BigInt(r.offset) < lane.pos));
      if (next <= at) break; // nothing more readable now (an open transaction holds the rest)
      at = next;
    }
    window.reverse();
    const used = await consider(window, (m) => {
      found.push(m);
      ctx.onMatch?.(m);
      return found.length < o.limit;
    });
    if (found.length >= o.limit) stoppedBy ??= "limit";
    if (used < window.length) {
      // Stopped inside this window: continue below the last record looked at.
      lane.pos = BigInt(window[used - 1]?.offset ?? lane.pos.toString());
      return;
    }
    lane.pos = from;
    if (from <= lane.low) lane.done = true;
  }

  const order = o.direction === "oldest" ? 1 : -1;
  found.sort(
    (a, b) =>
      order * (Date.parse(a.timestamp) - Date.parse(b.timestamp)) ||
      a.partition - b.partition ||
      order * Number(BigInt(a.offset) - BigInt(b.offset)),
  );
  const open = lanes.filter((l) => !l.done);
  return {
    messages: found,
    scanned,
    matched: found.length,
    total,
    stoppedBy,
    cursor: open.length && stoppedBy !== "end" ? encodeCursor({ direction: o.direction, lanes: open }) : null,
    filterErrors: matcher.errors,
    firstFilterError: matcher.firstError,
  };
}

async function start(
  o: z.output<typeof SearchOptions>,
  partitions: { partition: number; low: bigint; high: bigint }[],
  reader: PositionReader,
) {
  if (o.direction === "newest" && o.from === "earliest")
    throw new DomainError(
      "INVALID_INPUT",
      "Newest first starts at the latest record, an offset or a time; oldest first starts at the earliest",
    );
  if (o.from === "offset" && o.offset === undefined) throw new DomainError("INVALID_INPUT", "Starting at an offset needs the offset");
  if (o.from === "timestamp" && o.timestamp === undefined) throw new DomainError("INVALID_INPUT", "Starting at a time needs the time");
  const lanes: Lane[] = [];
  for (const p of partitions) {
    const clamp = (x: bigint) => (x < p.low ? p.low : x > p.high ? p.high : x);
    let pos: bigint;
    if (o.from === "earliest") pos = p.low;
    else if (o.from === "latest") pos = p.high;
    else if (o.from === "offset") pos = clamp(BigInt(o.offset!) + (o.direction === "newest" ? 1n : 0n));
    else pos = clamp(await reader.offsetForTime(p.partition, Date.parse(o.timestamp!)));
    const done = o.direction === "oldest" ? pos >= p.high : pos <= p.low;
    lanes.push({ partition: p.partition, low: p.low, high: p.high, pos, done });
  }
  return lanes;
}

function resume(cursor: Cursor, partitions: { partition: number; low: bigint; high: bigint }[]): Lane[] {
  return cursor.lanes.flatMap((c) => {
    const p = partitions.find((x) => x.partition === c.partition);
    if (!p) return [];
    // Retention may have removed records below the cursor since: start at what is still there.
    const pos = c.pos < p.low ? p.low : c.pos;
    const high = cursor.direction === "oldest" ? p.high : c.high;
    return [{ partition: p.partition, low: p.low, high, pos, done: cursor.direction === "oldest" ? pos >= high : pos <= p.low }];
  });
}

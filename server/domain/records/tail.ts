// Live tail: from the end of each partition at the moment it starts, every new record that the
// filter keeps, as it arrives, until the caller stops it or the tail's time is up. Between rounds
// that found nothing it waits a little (the broker is asked again, not pushed to).
import { z } from "zod";
import type { PositionReader } from "@/server/brokers";
import { DomainError, parseInput } from "@/server/errors";
import type { DecodedPayload } from "@/server/domain/schemas";
import { MAX_FILTER_LENGTH } from "./filter";
import type { PresentedRecord } from "./present-record";
import { createRecordMatcher, NOT_YET } from "./record-matcher";

export const TailOptions = z.object({
  partition: z.number().int().min(0).max(100_000).optional(),
  filter: z.string().max(MAX_FILTER_LENGTH).optional(),
  /** a tail ends by itself after this long, so a forgotten tab holds no connection for ever */
  maxMinutes: z.number().min(1).max(60).default(15),
});
export type TailOptions = z.input<typeof TailOptions>;

export interface TailContext {
  topic: string;
  reader: PositionReader;
  signal: AbortSignal;
  onMatch: (m: PresentedRecord) => void;
  onProgress?: (p: { scanned: number; matched: number }) => void;
  now?: () => number;
  /** the reader's masker (masking rules of their role) */
  mask?: (p: DecodedPayload, part: "key" | "value") => DecodedPayload;
  /** the pause between empty rounds */
  idle?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const IDLE_MS = 500;
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

export async function tailRecords(raw: TailOptions, ctx: TailContext) {
  const o = parseInput(TailOptions, raw);
  const matcher = createRecordMatcher(o.filter, ctx.mask);
  const now = ctx.now ?? Date.now;
  const idle = ctx.idle ?? pause;
  const deadline = now() + o.maxMinutes * 60_000;
  const partitions = (await ctx.reader.partitions()).filter((p) => o.partition === undefined || p.partition === o.partition);
  if (!partitions.length) throw new DomainError("INVALID_INPUT", `${ctx.topic} has no partition ${o.partition}`);
  const pos = new Map(partitions.map((p) => [p.partition, p.high]));
  let scanned = 0;
  let matched = 0;
  while (!ctx.signal.aborted && now() < deadline) {
    let found = 0;
    for (const [partition, at] of pos) {
      if (ctx.signal.aborted) break;
      const { records, next } = await ctx.reader.read(partition, at, 1024 * 1024);
      pos.set(partition, next > at ? next : at);
      for (const r of records) {
        scanned++;
        found++;
        const ready = matcher.matchNow(r);
        const m = ready === NOT_YET ? await matcher.match(r) : ready;
        if (m) {
          matched++;
          ctx.onMatch(m);
        }
      }
    }
    ctx.onProgress?.({ scanned, matched });
    if (!found) await idle(IDLE_MS, ctx.signal);
  }
  return {
    scanned,
    matched,
    stoppedBy: ctx.signal.aborted ? ("cancelled" as const) : ("time" as const),
    filterErrors: matcher.errors,
    firstFilterError: matcher.firstError,
  };
}

// What the folds of spans into per-minute rows share (span-flows.ts counts, hop-latencies.ts latencies):
// the watermark they fold behind, and how a window of span starts splits into whole folded minutes
// and a partial first minute read from the spans.
import { Prisma } from "@/server/db";

/** The id of the one watermark row both folds advance, in one transaction. */
export const WATERMARK = "spans";
export const NS_PER_MINUTE = 60_000_000_000n;

/** The window's first whole minute (read folded) and where it starts in ns; what comes before it is read as spans. */
export function wholeMinutesOf(sinceNs: bigint): { firstMinute: number; wholeFrom: bigint } {
  const first = sinceNs >= 0n ? (sinceNs + NS_PER_MINUTE) / NS_PER_MINUTE : 0n;
  return { firstMinute: Number(first), wholeFrom: first * NS_PER_MINUTE };
}

/** A CTE `mark(at)`: the watermark, read in the reader's own snapshot (the epoch before any fold). */
export const MARK_CTE = Prisma.sql`mark AS (
  SELECT coalesce((SELECT "receivedAt" FROM "SpanFlowWatermark" WHERE id = ${WATERMARK}), 'epoch'::timestamp) AS at)`;

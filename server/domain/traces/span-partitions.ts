// Spans and links live in one table per UTC day of their start (migration 20261130154500): ingest
// makes sure a batch's days exist before it writes, the worker makes tomorrow's ahead of time, and
// retention (pruneSpans) drops whole days. Creating a partition briefly locks the parent table, so each process
// remembers the days it has made sure of and asks the database only for a new one.
import { isCheckViolation, rawQuery } from "@/server/db";
import { pruneSpanFlows } from "./span-flows";
import { pruneSpanResources } from "./span-resources";

const DAY_MS = 86_400_000;

const ensured = new Set<number>();

/** Creates the partitions of these days where missing. */
export async function ensureSpanDays(days: Iterable<number>): Promise<void> {
  for (const day of new Set(days)) {
    if (ensured.has(day)) continue;
    await rawQuery(`SELECT eventplane_span_day($1)`, [day]);
    // A bound on what a process remembers: senders with wild clocks could name any number of days.
    if (ensured.size > 1_000) ensured.clear();
    ensured.add(day);
  }
}

/** Forgets what this process made sure of: retention (here or in another process) may have dropped it. */
export function forgetSpanDays(): void {
  ensured.clear();
}

/** PostgreSQL's "no partition of relation … found for row" (a check violation). */
export const isMissingPartition = isCheckViolation;

/** The worker's pass ahead of ingest: today's and tomorrow's tables exist before the first span of the day. */
export async function prepareSpanDays(now: Date): Promise<void> {
  const today = Math.floor(now.getTime() / DAY_MS);
  await ensureSpanDays([today, today + 1]);
}

type DayTable = { day: number; name: string; rows: number };

async function spanDayTables(): Promise<DayTable[]> {
  const rows = await rawQuery<{ name: string; rows: number }>(
    `SELECT c.relname AS name, greatest(c.reltuples, 0)::float8 AS rows
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = '"Span"'::regclass`,
  );
  return rows.flatMap((r) => {
    const m = /^Span_d(\d{4})(\d{2})(\d{2})$/.exec(r.name);
    if (!m) return [];
    return [{ name: r.name, rows: Number(r.rows), day: Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS) }];
  });
}

/**
 * Drops the days that ended before `cutoff` and those that start more than a day after `now` (a
 * sender's broken clock; ingest refuses such spans now, older rows may hold some). A day is kept
 * whole while any of it is within retention, so a span is kept at most one day longer than asked.
 * Returns the days dropped, about how many spans they held (the planner's count, not a scan), and the
 * resources dropped with them.
 */
export async function pruneSpans(cutoff: Date, now = new Date()): Promise<{ days: number; spans: number; resources: number }> {
  const firstKept = Math.floor(cutoff.getTime() / DAY_MS); // the day cutoff falls in
  const lastKept = Math.floor((now.getTime() + DAY_MS) / DAY_MS);
  const doomed = (await spanDayTables()).filter((t) => t.day < firstKept || t.day > lastKept);
  for (const t of doomed) {
    const suffix = t.name.slice("Span_d".length);
    // Both tables of the day in one statement, so a link never outlives its span's day; spans first,
    // the order ingest writes them in, so a drop and a write never wait on each other crosswise.
    await rawQuery(`DROP TABLE IF EXISTS "Span_d${suffix}", "SpanLink_d${suffix}"`);
  }
  if (doomed.length) forgetSpanDays();
  // Resources go once no kept day holds a span of theirs (a resource seen only in a future day a
  // broken clock made stays until that day ages out: harmless, and rare).
  const resources = await pruneSpanResources(firstKept);
  await pruneSpanFlows(firstKept);
  return { days: doomed.length, spans: doomed.reduce((n, t) => n + t.rows, 0), resources };
}

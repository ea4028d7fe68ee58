// Messaging spans counted per flow (kind, system, service, destination, consumer group) over a window,
// and (hop-latencies.ts, in the same fold) the latencies of producer-to-consumer hops,
// without reading every span of it. The worker folds spans in as they arrive, by receivedAt behind a
// watermark, into per-minute counts ("SpanFlowMinute"). A window is then read exactly as three parts
// that do not overlap:
//   - whole minutes from the window's first full minute on, as folded;
//   - spans of the window's first, partial minute that were folded (read as spans, by start);
//   - spans not folded yet (received after the watermark), however old their start.
// Each fold stops SETTLE_MS short of now: a batch's receivedAt is its transaction's start, and a slow
// batch may commit after a later one. Without folds (no worker yet) the last part is every span, and
// the answer is the same.
import { db, Prisma, rawQuery } from "@/server/db";
import { MARK_CTE, NS_PER_MINUTE, WATERMARK, wholeMinutesOf } from "./fold-window";
import { foldHopLatencies, pruneHopLatencies } from "./hop-latencies";
import { SPAN_KIND, STATUS_CODE } from "./span-types";

const SETTLE_MS = 10_000;
const FOLDED_KINDS = [SPAN_KIND.PRODUCER, SPAN_KIND.CONSUMER];
// NARROW: what these statements read of the span tables is narrow by design (spans received in the last
// seconds, spans started in one minute), found by the block range indexes. The planner cannot know
// that from a watermark read in the same statement, nor on a day table with no statistics yet (the
// first minutes of each day): it chose to read the whole day (a read over 300,000 spans took 75 ms;
// by index, 32–39 ms without statistics and 10–17 ms with them). Sequential scans are priced out for these transactions only, and the spans not
// folded yet are found by arrival alone ("startNs" + 0 is not an index condition: by start, a window
// of hours would match every range).

/** A flow's key columns and counts as read from spans; the group only for consumers. */
const FLOW_OF_SPAN = Prisma.sql`kind, coalesce("msgSystem", '') AS system, service, "msgDestination" AS topic,
  CASE WHEN kind = ${SPAN_KIND.CONSUMER} THEN coalesce("msgGroup", '') ELSE '' END AS "groupId"`;
const MESSAGING_SPAN = Prisma.sql`kind IN (${Prisma.join(FOLDED_KINDS)}) AND "msgDestination" IS NOT NULL`;

/** Folds the messaging spans received since the last fold (up to SETTLE_MS ago) into per-minute counts. */
export async function foldSpanFlows(opts: { settleMs?: number } = {}): Promise<{ spans: number }> {
  const until = new Date(Date.now() - (opts.settleMs ?? SETTLE_MS));
  const folded = await db.$transaction(
    async (tx) => {
      // One fold at a time (two workers would count the same spans twice).
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('eventplane:span-flows'))`;
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`; // see NARROW
      const mark = await tx.spanFlowWatermark.findUnique({ where: { id: WATERMARK } });
      const since = mark?.receivedAt ?? new Date(0);
      if (until <= since) return { spans: 0 };
      const [row] = await tx.$queryRaw<{ spans: bigint }[]>`
      WITH counted AS (
        SELECT ("startNs" / ${NS_PER_MINUTE})::int AS minute, ${FLOW_OF_SPAN},
               count(*)::int AS count, (count(*) FILTER (WHERE "statusCode" = ${STATUS_CODE.ERROR}))::int AS failed,
               min("startNs") AS "firstNs"
        FROM "Span"
        WHERE "receivedAt" > ${since} AND "receivedAt" <= ${until} AND ${MESSAGING_SPAN}
        GROUP BY 1, 2, 3, 4, 5, 6
      ), folded AS (
        INSERT INTO "SpanFlowMinute" (minute, kind, system, service, topic, "groupId", count, failed, "firstNs")
        SELECT * FROM counted
        ON CONFLICT (minute, kind, system, service, topic, "groupId") DO UPDATE SET
          count = "SpanFlowMinute".count + excluded.count,
          failed = "SpanFlowMinute".failed + excluded.failed,
          "firstNs" = least("SpanFlowMinute"."firstNs", excluded."firstNs")
      )
      SELECT coalesce(sum(count), 0)::bigint AS spans FROM counted`;
      await foldHopLatencies(tx, since, until);
      await tx.spanFlowWatermark.upsert({
        where: { id: WATERMARK },
        create: { id: WATERMARK, receivedAt: until },
        update: { receivedAt: until },
      });
      return { spans: Number(row?.spans ?? 0) };
    },
    // A worker that was down, or the first fold after an upgrade, folds a backlog (0.6–0.7 s for
    // 440,000–600,000 spans on this machine): beyond the default 5 s of an interactive transaction.
    { maxWait: 10_000, timeout: 600_000 },
  );
  // So the next fold, and readers of what is not folded yet, find the new spans by index.
  await summarizeSpanRanges();
  return folded;
}

/**
 * Summarizes the block ranges filled since the last call in every day table's block range indexes.
 * PostgreSQL leaves a new range unsummarized until a vacuum (on an insert-only table, after a fifth of
 * it again), and an unsummarized range matches every search: reading "spans received since the last
 * fold" by index would read the whole day. Cheap when nothing is new: only the range map is read.
 */
async function summarizeSpanRanges(): Promise<void> {
  await rawQuery(
    `SELECT brin_summarize_new_values(i.inhrelid::regclass) FROM pg_inherits i
     WHERE i.inhparent IN ('"Span_receivedAt_idx"'::regclass, '"Span_startNs_idx"'::regclass)`,
  );
}

export type SpanFlow = {
  kind: number;
  system: string;
  service: string;
  topic: string;
  groupId: string;
  count: number;
  failed: number;
  /** the earliest start counted */
  firstNs: bigint;
};

/** Messaging spans that started after `sinceNs`, counted per flow (of the given kinds). */
export async function spanFlowsSince(sinceNs: bigint, kinds: number[] = FOLDED_KINDS): Promise<SpanFlow[]> {
  // The window's first whole minute: minutes before it are read as spans.
  const { firstMinute, wholeFrom } = wholeMinutesOf(sinceNs);
  const ofKinds = Prisma.sql`kind IN (${Prisma.join(kinds)})`;
  // One statement, so the watermark and the minutes it stands for are read in one snapshot: a fold
  // committing meanwhile is seen entirely or not at all.
  const [, rows] = await db.$transaction([
    db.$executeRaw`SET LOCAL enable_seqscan = off`, // see NARROW
    db.$queryRaw<
      { kind: number; system: string; service: string; topic: string; groupId: string; n: bigint; failed: bigint; first: bigint }[]
    >`
    WITH ${MARK_CTE}, parts AS (
      SELECT kind, system, service, topic, "groupId", count AS n, failed, "firstNs" AS first
      FROM "SpanFlowMinute" WHERE minute >= ${firstMinute} AND ${ofKinds}
      UNION ALL
      SELECT ${FLOW_OF_SPAN}, 1, (("statusCode" = ${STATUS_CODE.ERROR})::int), "startNs"
      FROM "Span"
      WHERE "startNs" > ${sinceNs} AND "startNs" < ${wholeFrom} AND "receivedAt" <= (SELECT at FROM mark)
        AND ${ofKinds} AND "msgDestination" IS NOT NULL
      UNION ALL
      SELECT ${FLOW_OF_SPAN}, 1, (("statusCode" = ${STATUS_CODE.ERROR})::int), "startNs"
      FROM "Span"
      WHERE "receivedAt" > (SELECT at FROM mark) AND "startNs" + 0 > ${sinceNs} AND ${ofKinds} AND "msgDestination" IS NOT NULL
    )
    SELECT kind, system, service, topic, "groupId", sum(n)::bigint AS n, sum(failed)::bigint AS failed, min(first) AS first
    FROM parts GROUP BY 1, 2, 3, 4, 5`,
  ]);
  return rows.map((r) => ({
    kind: r.kind,
    system: r.system,
    service: r.service,
    topic: r.topic,
    groupId: r.groupId,
    count: Number(r.n),
    failed: Number(r.failed),
    firstNs: BigInt(r.first),
  }));
}

/** Drops the minutes (flow counts and hop latencies) of days retention dropped. */
export async function pruneSpanFlows(firstKeptDay: number): Promise<void> {
  await db.$executeRaw`DELETE FROM "SpanFlowMinute" WHERE minute < ${firstKeptDay * 1440}`;
  await pruneHopLatencies(firstKeptDay);
}

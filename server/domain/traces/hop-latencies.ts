// Hop latency: a consumer span's start minus the start of the producer span it received from (its
// parent, or a span it links to), per destination and consumer group. Joining every consumer span of
// the last 15 minutes to its producer cost a PK probe per consumer span each time lineage asked; now
// the fold that counts span flows (span-flows.ts, same transaction and watermark) also counts each
// pair once, into logarithmic buckets per minute of the consumer's start ("HopLatencyMinute").
//
// A pair is folded by the fold whose window holds the later of its two spans' receivedAt: the two
// spans may come from different services' exporters, in either order and minutes apart. So a fold
// takes the consumers received in its window (with producers received by its end) and the producers
// received in its window (with consumers received before its start). A window is then read as
// span-flows.ts reads counts: folded minutes, the folded pairs of the window's partial first minute,
// and the pairs not folded yet (either span received after the watermark).
import { db, Prisma } from "@/server/db";
import { MARK_CTE, NS_PER_MINUTE, wholeMinutesOf } from "./fold-window";
import { quantileOf } from "./latency-buckets";
import { SPAN_KIND } from "./span-types";

const CONSUMER = Prisma.sql`c.kind = ${SPAN_KIND.CONSUMER} AND c."msgDestination" IS NOT NULL`;
const PRODUCER = Prisma.sql`p.kind = ${SPAN_KIND.PRODUCER}`;

// BY KEY: a pair is found from its narrow side (spans received since a watermark, or started in one
// minute), the other side by key, in a LATERAL subquery that OFFSET 0 keeps the planner from turning
// around. It cannot see how narrow that side is (the watermark is read in the same statement) and, as a
// plain join, hashed every consumer span of the day against a few new producers (390 ms of 530 for
// 200,000 spans), or probed each of them.

/** Pairs of the consumer spans meeting `cWhere` with their producers (by parent or link) meeting `pWhere`. */
function fromConsumers(cWhere: Prisma.Sql, pWhere: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT c."startNs" AS cs, c."msgDestination" AS topic, c."msgGroup" AS grp, p.ps FROM "Span" c
    CROSS JOIN LATERAL (
      SELECT p."startNs" AS ps FROM "Span" p
      WHERE p."traceId" = c."traceId" AND p."spanId" = c."parentSpanId" AND ${PRODUCER} AND ${pWhere}
      UNION ALL
      SELECT p."startNs" FROM "SpanLink" l JOIN "Span" p ON p."traceId" = l."linkedTraceId" AND p."spanId" = l."linkedSpanId"
      WHERE l."traceId" = c."traceId" AND l."spanId" = c."spanId" AND l."startNs" = c."startNs" AND ${PRODUCER} AND ${pWhere}
      OFFSET 0) p
    WHERE ${CONSUMER} AND ${cWhere}`;
}

/** Pairs of the producer spans meeting `pWhere` with their consumers (as children or by link) meeting `cWhere`. */
function fromProducers(pWhere: Prisma.Sql, cWhere: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT c.cs, c.topic, c.grp, p."startNs" AS ps FROM "Span" p
    CROSS JOIN LATERAL (
      SELECT c."startNs" AS cs, c."msgDestination" AS topic, c."msgGroup" AS grp FROM "Span" c
      WHERE c."traceId" = p."traceId" AND c."parentSpanId" = p."spanId" AND ${CONSUMER} AND ${cWhere}
      UNION ALL
      SELECT c."startNs", c."msgDestination", c."msgGroup"
      FROM "SpanLink" l JOIN "Span" c ON c."traceId" = l."traceId" AND c."spanId" = l."spanId" AND c."startNs" = l."startNs"
      WHERE l."linkedTraceId" = p."traceId" AND l."linkedSpanId" = p."spanId" AND ${CONSUMER} AND ${cWhere}
      OFFSET 0) c
    WHERE ${PRODUCER} AND ${pWhere}`;
}

/** Pairs as (minute of the consumer's start, topic, groupId, bucket) rows; the bucket as latency-buckets.ts bucketOf. */
const bucketed = (...parts: Prisma.Sql[]) => Prisma.sql`
  SELECT (cs / ${NS_PER_MINUTE})::int AS minute, topic, coalesce(grp, '') AS "groupId",
    CASE WHEN cs - ps < 1000 THEN 0 ELSE 1 + floor(8 * ln((cs - ps)::float8 / 1000) / ln(2))::int END AS bucket
  FROM (${Prisma.join(parts, " UNION ALL ")}) pairs`;

const receivedIn = (side: "c" | "p", since: Prisma.Sql, until: Prisma.Sql) =>
  Prisma.sql`${Prisma.raw(side)}."receivedAt" > ${since} AND ${Prisma.raw(side)}."receivedAt" <= ${until}`;

/** Folds the pairs whose later span was received in (since, until]; inside foldSpanFlows's transaction. */
export async function foldHopLatencies(tx: Prisma.TransactionClient, since: Date, until: Date): Promise<void> {
  const [s, u] = [Prisma.sql`${since}`, Prisma.sql`${until}`];
  await tx.$executeRaw`
    INSERT INTO "HopLatencyMinute" (minute, topic, "groupId", bucket, count)
    SELECT minute, topic, "groupId", bucket, count(*)::int
    FROM (${bucketed(
      fromConsumers(receivedIn("c", s, u), Prisma.sql`p."receivedAt" <= ${u}`),
      fromProducers(receivedIn("p", s, u), Prisma.sql`c."receivedAt" <= ${s}`),
    )}) x
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (minute, topic, "groupId", bucket) DO UPDATE SET count = "HopLatencyMinute".count + excluded.count`;
}

export interface HopLatency {
  topic: string;
  groupId: string;
  p50Ms: number;
  p95Ms: number;
  samples: number;
}

/** Receive start minus send start, p50 and p95 per (destination, group), of the consumer spans that
 *  started after `sinceNs` and were joined to their producer by parent or link (within 4.5 %: see
 *  latency-buckets.ts). */
export async function hopLatenciesSince(sinceNs: bigint): Promise<HopLatency[]> {
  const { firstMinute, wholeFrom } = wholeMinutesOf(sinceNs);
  const mark = Prisma.sql`(SELECT at FROM mark)`;
  const [, rows] = await db.$transaction(
    [
      db.$executeRaw`SET LOCAL enable_seqscan = off`, // see NARROW in span-flows.ts
      db.$queryRaw<{ topic: string; groupId: string; bucket: number; n: bigint }[]>`
    WITH ${MARK_CTE}, parts AS (
      SELECT minute, topic, "groupId", bucket, count FROM "HopLatencyMinute" WHERE minute >= ${firstMinute}
      UNION ALL
      SELECT *, 1 FROM (${bucketed(
        // the window's first, partial minute: pairs folded already (both spans received by the watermark)
        fromConsumers(
          Prisma.sql`c."startNs" > ${sinceNs} AND c."startNs" < ${wholeFrom} AND c."receivedAt" <= ${mark}`,
          Prisma.sql`p."receivedAt" <= ${mark}`,
        ),
        // pairs not folded yet: the consumer received after the watermark, or only the producer
        fromConsumers(Prisma.sql`c."receivedAt" > ${mark} AND c."startNs" + 0 > ${sinceNs}`, Prisma.sql`TRUE`),
        fromProducers(Prisma.sql`p."receivedAt" > ${mark}`, Prisma.sql`c."receivedAt" <= ${mark} AND c."startNs" > ${sinceNs}`),
      )}) raw
    )
    SELECT topic, "groupId", bucket, sum(count)::bigint AS n FROM parts GROUP BY 1, 2, 3`,
    ],
    // With the worker down, every pair since its last fold is read here: beyond the default 5 s.
    { timeout: 120_000 },
  );
  const flows = new Map<string, { topic: string; groupId: string; counts: Map<number, number> }>();
  for (const r of rows) {
    const key = `${r.topic}\u0000${r.groupId}`;
    const flow = flows.get(key) ?? { topic: r.topic, groupId: r.groupId, counts: new Map<number, number>() };
    flow.counts.set(r.bucket, Number(r.n));
    flows.set(key, flow);
  }
  return [...flows.values()].map((f) => ({
    topic: f.topic,
    groupId: f.groupId,
    p50Ms: quantileOf(f.counts, 0.5),
    p95Ms: quantileOf(f.counts, 0.95),
    samples: [...f.counts.values()].reduce((a, b) => a + b, 0),
  }));
}

/** Drops the minutes of days retention dropped. */
export async function pruneHopLatencies(firstKeptDay: number): Promise<number> {
  return db.$executeRaw`DELETE FROM "HopLatencyMinute" WHERE minute < ${firstKeptDay * 1440}`;
}

// Trace search: traces with at least one span matching every filter inside the time range, newest
// match first, each summarised (root span, services, span count, hops, duration, errors).
import { parseInput } from "@/server/errors";
import { z } from "zod";
import { db, Prisma } from "@/server/db";

export const SearchTracesInput = z.object({
  /** Unix ms; defaults to the last hour. */
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  service: z.string().trim().max(300).optional(),
  topic: z.string().trim().max(300).optional(),
  group: z.string().trim().max(300).optional(),
  key: z.string().trim().max(500).optional(),
  status: z.enum(["any", "error"]).default("any"),
  minDurationMs: z.number().min(0).max(86_400_000).optional(),
  /** Leave out traces that continue a journey started elsewhere (their spans link to another trace). */
  journeyStartsOnly: z.boolean().default(false),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(5).max(200).default(50),
});
export type SearchTracesInput = z.input<typeof SearchTracesInput>;

export type TraceSummary = {
  traceId: string;
  rootName: string;
  rootService: string;
  services: string[];
  spans: number;
  hops: number;
  errors: number;
  startMs: number;
  durationMs: number;
};

type Row = {
  traceId: string;
  rootName: string;
  rootService: string;
  services: string[];
  spans: bigint;
  consumers: bigint;
  linkedIn: bigint;
  errors: bigint;
  startNs: bigint;
  endNs: bigint;
};

const NS = 1_000_000n;

export async function searchTraces(
  raw: SearchTracesInput,
): Promise<{ traces: TraceSummary[]; hasMore: boolean; from: number; to: number }> {
  const input = parseInput(SearchTracesInput, raw);
  const to = input.to ?? Date.now();
  const from = input.from ?? to - 3_600_000;
  const filters: Prisma.Sql[] = [Prisma.sql`"startNs" BETWEEN ${BigInt(from) * NS} AND ${BigInt(to) * NS}`];
  if (input.service) filters.push(Prisma.sql`"service" = ${input.service}`);
  if (input.topic) filters.push(Prisma.sql`"msgDestination" = ${input.topic}`);
  if (input.group) filters.push(Prisma.sql`"msgGroup" = ${input.group}`);
  if (input.key) filters.push(Prisma.sql`"msgKey" = ${input.key}`);
  if (input.status === "error") filters.push(Prisma.sql`"statusCode" = 2`);
  const minDurationNs = BigInt(Math.round((input.minDurationMs ?? 0) * 1_000_000));
  const offset = (input.page - 1) * input.pageSize;
  // One row more than a page tells whether there is a next one. Traces are ordered by their newest
  // matching span and the page is cut before anything is summarised, so a search reads the spans of
  // one page of traces (each by its key, LATERAL) however many traces match. A minimum duration is
  // known only after summarising: then every match is summarised (still by key) and the page cut after.
  const page = Prisma.sql`LIMIT ${input.pageSize + 1} OFFSET ${offset}`;
  const rows = await db.$queryRaw<Row[]>`
    WITH matched AS (
      SELECT "traceId", max("startNs") AS newest FROM "Span" WHERE ${Prisma.join(filters, " AND ")} GROUP BY "traceId"
    ), kept AS (
      SELECT m.* FROM matched m
      WHERE ${input.journeyStartsOnly}::boolean = false
        OR NOT EXISTS (SELECT 1 FROM "SpanLink" l WHERE l."traceId" = m."traceId" AND l."linkedTraceId" <> m."traceId")
      ORDER BY m.newest DESC, m."traceId"
      ${minDurationNs > 0n ? Prisma.empty : page}
    )
    SELECT k."traceId", summary.*,
      (SELECT count(*) FROM "SpanLink" l WHERE l."linkedTraceId" = k."traceId" AND l."traceId" <> k."traceId") AS "linkedIn"
    FROM kept k CROSS JOIN LATERAL (
      SELECT
        (array_agg(s."name" ORDER BY (s."parentSpanId" IS NOT NULL), s."startNs"))[1] AS "rootName",
        (array_agg(s."service" ORDER BY (s."parentSpanId" IS NOT NULL), s."startNs"))[1] AS "rootService",
        array_agg(DISTINCT s."service") AS "services",
        count(*) AS "spans",
        count(*) FILTER (WHERE s."kind" = 5 OR s."msgOperation" = 'process') AS "consumers",
        count(*) FILTER (WHERE s."statusCode" = 2) AS "errors",
        min(s."startNs") AS "startNs",
        max(s."endNs") AS "endNs"
      FROM "Span" s WHERE s."traceId" = k."traceId"
    ) summary
    WHERE summary."endNs" - summary."startNs" >= ${minDurationNs}
    ORDER BY k.newest DESC, k."traceId"
    ${minDurationNs > 0n ? page : Prisma.empty}`;
  return {
    traces: rows.slice(0, input.pageSize).map((r) => ({
      traceId: r.traceId,
      rootName: r.rootName,
      rootService: r.rootService,
      services: r.services.sort(),
      spans: Number(r.spans),
      hops: Number(r.consumers + r.linkedIn),
      errors: Number(r.errors),
      startMs: Number(r.startNs / NS),
      durationMs: Number(r.endNs - r.startNs) / 1_000_000,
    })),
    hasMore: rows.length > input.pageSize,
    from,
    to,
  };
}

/**
 * The distinct values of one indexed column among spans that started since `sinceNs`, without reading
 * every span of the day: a loose index scan. The recursion hops from one value to the next through the
 * (column, startNs) index — one probe per distinct value and day table — and each value is kept if its
 * latest start (a second probe, from the index's end) is inside the window. Millions of spans, a few hundred values: a few
 * hundred probes instead of a scan and a sort.
 */
function distinctSince(column: "service" | "msgDestination" | "msgGroup", sinceNs: bigint, limit: number) {
  const c = Prisma.raw(`"${column}"`);
  return db.$queryRaw<{ v: string }[]>`
    WITH RECURSIVE seen(v) AS (
      SELECT min(${c}) FROM "Span"
      UNION ALL
      SELECT (SELECT min(${c}) FROM "Span" WHERE ${c} > seen.v) FROM seen WHERE seen.v IS NOT NULL
    )
    SELECT v FROM seen
    WHERE v IS NOT NULL AND (SELECT max(s."startNs") FROM "Span" s WHERE s.${c} = seen.v) >= ${sinceNs}::bigint
    LIMIT ${limit}`.then((rows) => rows.map((r) => r.v));
}

/** Values for the search form's pickers: what was seen in the last day (at most 1,000 of each). */
export async function traceFacets(): Promise<{ services: string[]; topics: string[]; groups: string[] }> {
  const since = BigInt(Date.now() - 86_400_000) * NS;
  const [services, topics, groups] = await Promise.all([
    distinctSince("service", since, 1_000),
    distinctSince("msgDestination", since, 1_000),
    distinctSince("msgGroup", since, 1_000),
  ]);
  return { services, topics, groups };
}

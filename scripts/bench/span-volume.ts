// For `npm run bench -- otlp --stored N`: fills the span tables with N spans the way a busy estate
// would over the last two days (10-span traces across 50 services, 200 topics, 100 groups, one key
// per trace), written by SQL in chunks so millions take minutes rather than an hour of OTLP; and
// times the trace searches people run, so their cost at N can be set against their cost at N / 100.
import { rawQuery } from "@/server/db";
import { printAtTwoSizes, timeEach, type Timings } from "./timings";

const SPAN_WINDOW_MS = 48 * 3_600_000;
const CHUNK = 500_000;

/** Spans numbered [from, to) of a fill of `total`: number i starts i / total of the window ago. */
export async function fillSpans(from: number, to: number, total: number, nowMs: number, log: (s: string) => void) {
  const nowNs = BigInt(nowMs) * 1_000_000n;
  const stepNs = (BigInt(SPAN_WINDOW_MS) * 1_000_000n) / BigInt(total);
  const firstDay = Math.floor((nowMs - SPAN_WINDOW_MS) / 86_400_000);
  for (let d = firstDay; d <= Math.floor(nowMs / 86_400_000); d++) await rawQuery(`SELECT eventplane_span_day($1)`, [d]);
  // The 50 services' resources (ids are opaque to readers; ingest's are hashes).
  await rawQuery(
    `INSERT INTO "SpanResource" ("id", "attributes", "lastDay")
       SELECT 'bench-service-' || k, json_build_object('service.name', 'service-' || k), $1::int FROM generate_series(0, 49) AS k
     ON CONFLICT ("id") DO NOTHING`,
    [Math.floor(nowMs / 86_400_000)],
  );
  const started = performance.now();
  for (let lo = from; lo < to; lo += CHUNK) {
    const hi = Math.min(to, lo + CHUNK);
    await rawQuery(
      `INSERT INTO "Span" ("traceId", "spanId", "parentSpanId", "name", "kind", "service", "startNs", "endNs", "statusCode",
         "attributes", "resourceId", "events", "links", "msgSystem", "msgOperation", "msgDestination", "msgGroup", "msgKey", "msgPartition", "msgOffset")
       SELECT md5('t' || (i / 10)), substr(md5('s' || i), 1, 16), CASE WHEN i % 10 = 0 THEN NULL ELSE substr(md5('s' || (i - 1)), 1, 16) END,
              CASE WHEN i % 2 = 0 THEN 'send orders' ELSE 'process orders' END, CASE WHEN i % 2 = 0 THEN 4 ELSE 5 END,
              'service-' || ((i / 10) % 50), $1::bigint - i * $2::bigint, $1::bigint - i * $2::bigint + 2500000,
              CASE WHEN i % 97 = 0 THEN 2 ELSE 0 END,
              json_build_object('messaging.system', 'kafka', 'messaging.destination.name', 'topic-' || ((i / 10) % 200), 'messaging.kafka.message.key', 'key-' || (i / 10)),
              'bench-service-' || ((i / 10) % 50), '[]', '[]',
              'kafka', CASE WHEN i % 2 = 0 THEN 'send' ELSE 'process' END, 'topic-' || ((i / 10) % 200),
              CASE WHEN i % 2 = 1 THEN 'group-' || ((i / 10) % 100) END, 'key-' || (i / 10), i % 6, i
       FROM generate_series($3::bigint, $4::bigint - 1) AS i`,
      [nowNs.toString(), stepNs.toString(), lo, hi],
    );
    const rate = (hi - from) / ((performance.now() - started) / 1000);
    log(`  stored ${hi.toLocaleString("en")} of ${total.toLocaleString("en")} spans (${Math.round(rate).toLocaleString("en")}/s)`);
  }
  // A table that grew over two days would have been vacuumed and analysed along the way; one filled in
  // minutes is brought to that state before anything is measured on it (else autovacuum's first pass
  // over millions of rows runs during the measurements).
  const vacuumStarted = performance.now();
  await rawQuery(`VACUUM (ANALYZE) "Span"`);
  await rawQuery(`VACUUM (ANALYZE) "SpanLink"`);
  log(`  vacuumed and analysed in ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s`);
}

export type SearchTimings = Timings;

/** Median of 5 of each search, in ms (each run once first, so caches are warm for both sizes). */
export async function timeSearches(total: number): Promise<SearchTimings> {
  const { searchTraces, traceFacets, loadJourney } = await import("@/server/domain/traces");
  const some = Math.floor(total / 3);
  const searches: Record<string, () => Promise<unknown>> = {
    "search by service, last hour": () => searchTraces({ service: "service-7" }),
    "search by topic, last hour": () => searchTraces({ topic: "topic-42" }),
    "search by message key, 2 days": () => searchTraces({ key: `key-${Math.floor(some / 10)}`, from: Date.now() - SPAN_WINDOW_MS }),
    "search errors, last hour": () => searchTraces({ status: "error" }),
    "filter choices (facets), 1 day": () => traceFacets(),
    "one trace's journey": async () => {
      const [row] = await rawQuery<{ traceId: string }>(`SELECT md5('t' || $1::bigint) AS "traceId"`, [Math.floor(some / 10)]);
      return loadJourney(row!.traceId);
    },
  };
  return timeEach(searches, 5);
}

export function printSearches(small: SearchTimings, large: SearchTimings, smallCount: number, largeCount: number) {
  const n = (x: number) => x.toLocaleString("en");
  printAtTwoSizes(`trace searches (median of 5), at ${n(smallCount)} spans (baseline) and at ${n(largeCount)}:`, small, large);
}

// `npm run bench -- consumers`: the Consumers list at the design's scale, 20,000 consumer groups on one
// installation (rows as the lag cycle stores them: state, members, lag summary), against the same
// list over 200 groups, measured in this run: the list query (by name, by lag, by seconds behind, a
// search, a deep page) and, when `next build` has run, the Consumers page in Chromium until its first
// row is drawn. The lag cycle itself at that scale needs a broker with as many groups (`lag`).
// Options: --groups 20000
import { median, numberArg } from "./args";
import { printAtTwoSizes, timeEach, type Timings } from "./timings";
import { startBenchEnv } from "./bench-env";
import { BENCH_TOKEN, benchAuth } from "./child-server";
import { startNextServer } from "./next-server";

const groupCount = numberArg("groups", 20_000);
const small = Math.max(1, Math.floor(groupCount / 100));

const env = await startBenchEnv({ kafka: false });
const { db, rawQuery } = await import("@/server/db");
const { listGroups } = await import("@/server/domain/consumers");

/** Groups numbered [from, to) on one cluster, with lag summaries spread the way a large estate has them. */
async function seedGroups(clusterId: string, from: number, to: number) {
  await rawQuery(
    `INSERT INTO "ConsumerGroup" ("id", "clusterId", "groupId", "state", "members", "memberCount", "lastSeenAt",
       "totalLag", "maxTimeLagSeconds", "lagStatus", "lagUpdatedAt")
     SELECT gen_random_uuid(), $1, 'team-' || (i % 40) || '.service-' || i || '.consumer', 'Stable',
            '[{"memberId":"m-1","clientId":"c","host":"/10.0.0.1","assignments":[]}]', 1, now(),
            (i * 7919) % 100000, ((i * 104729) % 36000) / 10.0,
            CASE WHEN i % 50 = 0 THEN 'ERR' WHEN i % 10 = 0 THEN 'WARN' ELSE 'OK' END, now()
     FROM generate_series($2::int, $3::int - 1) AS i`,
    [clusterId, from, to],
  );
  await rawQuery(`ANALYZE "ConsumerGroup"`);
}

async function timeQueries(): Promise<Timings> {
  const queries: Record<string, () => Promise<unknown>> = {
    "first page by name": () => listGroups({}),
    "first page by lag (worst first)": () => listGroups({ sort: "lag", dir: "desc" }),
    "first page by seconds behind": () => listGroups({ sort: "timeLag", dir: "desc" }),
    "search 'service-12'": () => listGroups({ search: "service-12" }),
    "page 40 by lag": () => listGroups({ sort: "lag", dir: "desc", page: 40 }),
  };
  return timeEach(queries, 7);
}

/** The Consumers page in Chromium until the first group row is drawn (median of 3, after one warm load). */
async function timePage(base: string): Promise<number | null> {
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, extraHTTPHeaders: benchAuth });
    const load = async () => {
      const t = performance.now();
      await page.goto(`${base}/consumers`);
      await page.waitForSelector("[data-testid=group-row]", { timeout: 60_000 });
      return performance.now() - t;
    };
    await load();
    return median([await load(), await load(), await load()]);
  } finally {
    await browser.close();
  }
}

try {
  const cluster = await db.cluster.create({ data: { name: "bench", bootstrapServers: ["127.0.0.1:9092"], status: "OK" } });
  const { ensureToken, SCOPES, systemActor } = await import("@/server/domain/identity");
  await ensureToken(systemActor("bench"), { name: "bench", role: "admin", scopes: SCOPES, secret: BENCH_TOKEN });
  const server = await startNextServer({ DATABASE_URL: env.databaseUrl });

  await seedGroups(cluster.id, 0, small);
  const smallQueries = await timeQueries();
  const smallPage = server ? await timePage(server.base) : null;
  const t = performance.now();
  await seedGroups(cluster.id, small, groupCount);
  console.log(`stored ${groupCount.toLocaleString("en")} groups in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const largeQueries = await timeQueries();
  const largePage = server ? await timePage(server.base) : null;

  const n = (x: number) => x.toLocaleString("en");
  printAtTwoSizes(
    `the Consumers list (median of 7), at ${n(small)} groups (baseline) and at ${n(groupCount)}:`,
    smallQueries,
    largeQueries,
  );
  if (smallPage !== null && largePage !== null) {
    console.log(
      `${"the page in Chromium, first row drawn".padEnd(40)} ${smallPage.toFixed(0).padStart(8)} ms ${largePage.toFixed(0).padStart(9)} ms · ratio ${(largePage / smallPage).toFixed(2)}`,
    );
  } else console.log("(the page in Chromium: skipped, run `npm run build` first)");
  server?.child.kill();
} finally {
  await env.stop();
}

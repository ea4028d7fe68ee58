// `npm run bench -- otlp`: sustained OTLP ingest (protobuf batches of 512 spans from 8 concurrent
// senders into the receiver, stored in PostgreSQL) as a ratio against decoding the same batches alone
// (one core, no HTTP) and against the same senders and receiver with the storing taken out, both
// measured in this run; then a 10,000-span journey: loading and stitching it, as a ratio against
// reading the same spans from PostgreSQL in one query.
// With --stored N (e.g. 10000000), the span tables first hold N spans (scripts/bench/span-volume.ts):
// ingest is measured at that size, and the trace searches at N against the same at N / 100.
// Options: --seconds 10 --senders 8 --batch 512 --stored 0
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepareDatabase } from "../lib/database";
import { freePort } from "../lib/ports";
import { benchAuth, startChildServer } from "./child-server";
import { startNextServer } from "./next-server";
import { numberArg, median } from "./args";
import { postmasterPid, treeCpuMs } from "./process-cpu";
import { runLoad } from "./load";
import type { SearchTimings } from "./span-volume";
import { timeEach } from "./timings";

const seconds = numberArg("seconds", 10);
const senders = numberArg("senders", 8);
const batchSize = numberArg("batch", 512);
const storedSpans = numberArg("stored", 0);

const dir = mkdtempSync(join(tmpdir(), "eventplane-bench-"));
chmodSync(dir, 0o755);
const db = await prepareDatabase({ dataDir: dir, pgPort: await freePort(), databaseUrl: process.env.DATABASE_URL, log: () => undefined });
process.env.DATABASE_URL = db.url;
const { ExportRequest, decodeBody } = await import("@/server/http/otlp/decode-request");
const { readSpans } = await import("@/server/http/otlp/read-spans");
const { fillSpans, printSearches, timeSearches } = await import("./span-volume");

const kv = (key: string, v: string | number) => ({ key, value: typeof v === "number" ? { intValue: v } : { stringValue: v } });
const services = ["order-service", "billing-service", "inventory-service", "shipping-service"];

/** What the Node SDK's default detectors put on every batch (env, host, os, process, sdk). */
function resourceOf(service: string) {
  return [
    kv("service.name", service),
    kv("service.version", "2.14.0"),
    kv("deployment.environment.name", "production"),
    kv("host.name", `${service}-7f9c6d5b8-x2k4q`),
    kv("host.arch", "amd64"),
    kv("os.type", "linux"),
    kv("process.pid", 1),
    kv("process.executable.name", "node"),
    kv("process.executable.path", "/usr/local/bin/node"),
    kv("process.command_args", "/usr/local/bin/node,/app/dist/main.js"),
    kv("process.runtime.name", "nodejs"),
    kv("process.runtime.version", "20.20.2"),
    kv("process.runtime.description", "Node.js"),
    kv("telemetry.sdk.language", "nodejs"),
    kv("telemetry.sdk.name", "opentelemetry"),
    kv("telemetry.sdk.version", "2.2.0"),
  ];
}

/** A batch like a busy Kafka service exports: messaging spans with the usual attributes, a few linked. */
function encodeBatch(): Buffer {
  const now = BigInt(Date.now()) * 1_000_000n;
  const ids = Array.from({ length: batchSize }, () => ({ traceId: randomBytes(16), spanId: randomBytes(8) }));
  const spans = Array.from({ length: batchSize }, (_, i) => {
    const start = now + BigInt(i) * 1_000n;
    // Each consumer span (odd) received from the producer span before it: its child, in its trace.
    return {
      traceId: ids[i % 2 ? i - 1 : i]!.traceId,
      spanId: ids[i]!.spanId,
      parentSpanId: i % 2 ? ids[i - 1]!.spanId : i % 4 ? randomBytes(8) : undefined,
      name: i % 2 ? "process orders" : "send orders",
      kind: i % 2 ? 5 : 4,
      startTimeUnixNano: start,
      endTimeUnixNano: start + 2_500_000n,
      attributes: [
        kv("messaging.system", "kafka"),
        kv("messaging.destination.name", "orders"),
        kv("messaging.operation.type", i % 2 ? "process" : "send"),
        kv("messaging.kafka.message.key", `order-${i}`),
        kv("messaging.destination.partition.id", String(i % 6)),
        kv("messaging.kafka.offset", i),
        ...(i % 2 ? [kv("messaging.consumer.group.name", "billing")] : []),
      ],
      links: i % 8 === 1 ? [{ traceId: randomBytes(16), spanId: randomBytes(8) }] : [],
      status: {},
    };
  });
  const message = ExportRequest.fromObject({
    resourceSpans: [
      {
        resource: { attributes: resourceOf(services[Math.floor(Math.random() * services.length)]!) },
        scopeSpans: [{ scope: { name: "@opentelemetry/instrumentation-kafkajs", version: "0.7.1" }, spans }],
      },
    ],
  });
  return Buffer.from(ExportRequest.encode(message).finish());
}

/**
 * The same journey in Chromium through the production web app (when `next build` has run): time from
 * navigation until the first waterfall row is drawn, against the same page for an unknown trace
 * (its empty state: page shell, client bundle and one query, without the journey).
 */
async function renderInBrowser(traceId: string, spanCount: number) {
  const server = await startNextServer({});
  if (!server) {
    console.log("\nrender in the browser: skipped (run `npm run build` first)");
    return;
  }
  children.push(server.child);
  const base = server.base;
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    // Signed in with the bench's API token, as automation would be.
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, extraHTTPHeaders: benchAuth });
    const time = async (url: string, selector: string) => {
      const t0 = performance.now();
      await page.goto(url);
      await page.waitForSelector(selector, { timeout: 60_000 });
      return performance.now() - t0;
    };
    await time(`${base}/traces/${"0".repeat(31)}1`, "text=No spans for this trace"); // warm: compile caches, fonts
    const empty: number[] = [];
    const full: number[] = [];
    for (let r = 0; r < 3; r++) {
      empty.push(await time(`${base}/traces/${"0".repeat(31)}1`, "text=No spans for this trace"));
      full.push(await time(`${base}/traces/${traceId}`, "[data-testid=span-row]"));
    }
    const rows = await page.locator("[data-testid=span-row]").count();
    console.log(`\nrender in Chromium (median of 3; ${rows} of ${spanCount.toLocaleString("en")} rows in the DOM, the rest virtualised):`);
    console.log(`${"page for an unknown trace (baseline)".padEnd(40)} ${median(empty).toFixed(0).padStart(6)} ms`);
    console.log(
      `${"page with the 10,000-span journey".padEnd(40)} ${median(full).toFixed(0).padStart(6)} ms · ratio ${(median(full) / median(empty)).toFixed(2)}`,
    );
  } finally {
    await browser.close();
  }
}

const children: ChildProcess[] = [];
try {
  // Enough distinct batches for the whole run (a re-sent span would be skipped as a duplicate, which is cheaper).
  const expected = Math.ceil((seconds * 80_000) / batchSize);
  let t = performance.now();
  const batches = Array.from({ length: expected }, encodeBatch);
  const mb = batches.reduce((n, b) => n + b.length, 0) / 1e6;
  console.log(
    `encoded ${batches.length} batches of ${batchSize} spans (${mb.toFixed(1)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  // Baseline: decode + validate every batch, nothing else (no HTTP, no storage). Three passes before
  // the HTTP runs and three after them, and the median of the six: one pass swung between 26,000 and
  // 72,000 spans/s from run to run on this machine, and its speed drifts within a run too (a median of
  // passes taken only before the runs ranged from 49,000 to 98,000 spans/s on one day).
  const decodeRates: number[] = [];
  const decodePasses = () => {
    for (let pass = 0; pass < 3; pass++) {
      const t0 = performance.now();
      let decoded = 0;
      for (const b of batches) decoded += readSpans(decodeBody(b, "protobuf")).spans.length;
      decodeRates.push(decoded / ((performance.now() - t0) / 1000));
    }
  };
  decodePasses();

  let searchesSmall: SearchTimings | undefined;
  if (storedSpans) {
    const now = Date.now();
    const small = Math.floor(storedSpans / 100);
    console.log(`\nfilling the span tables (${storedSpans.toLocaleString("en")} spans over two days):`);
    await fillSpans(0, small, storedSpans, now, console.log);
    searchesSmall = await timeSearches(small);
    await fillSpans(small, storedSpans, storedSpans, now, console.log);
  }

  const sendOnly = (port: number) =>
    runLoad(
      `http://127.0.0.1:${port}`,
      (i) => ({ method: "POST", path: "/v1/traces", body: batches[i % batches.length]!, contentType: "application/x-protobuf" }),
      { concurrency: senders, durationMs: seconds * 1000 },
    );
  // Where the CPU went, per span answered: throughput swings with the machine, CPU per span much less.
  const pgPid = postmasterPid(join(dir, "postgres"));
  const send = async (port: number) => {
    const receiver = children.at(-1)!.pid!;
    const at = () => ({ pg: pgPid ? treeCpuMs(pgPid) : null, receiver: treeCpuMs(receiver), senders: process.cpuUsage() });
    const before = at();
    const result = await sendOnly(port);
    const after = at();
    const own = process.cpuUsage(before.senders);
    const spans = result.requests * batchSize;
    const perSpan = (a: number | null, b: number | null) => (a === null || b === null ? null : ((b - a) * 1000) / spans);
    const cpu = {
      pg: perSpan(before.pg, after.pg),
      receiver: perSpan(before.receiver, after.receiver),
      senders: (own.user + own.system) / spans,
    };
    return { ...result, cpu };
  };
  const cpuLine = (c: { pg: number | null; receiver: number | null; senders: number }) =>
    `${"".padEnd(40)}   CPU a span: ${c.pg === null ? "" : `PostgreSQL ${c.pg.toFixed(1)} µs, `}receiver ${c.receiver?.toFixed(1) ?? "?"} µs, senders ${c.senders.toFixed(1)} µs`;
  // Second baseline: the same senders against the receiver with its storage taken out, so the ratio
  // to it is what storing costs (the first baseline has no HTTP, no senders and one core).
  const decodePort = await freePort();
  children.push(await startChildServer("serve-handler.ts", ["otlp-decode", String(decodePort)], { DATABASE_URL: db.url }));
  const received = await send(decodePort);
  children.pop()!.kill();
  if (received.errors) throw new Error(`${received.errors} batches were refused by the decode-only receiver`);
  const receiveRate = received.perSecond * batchSize;

  const port = await freePort();
  children.push(await startChildServer("serve-handler.ts", ["otlp", String(port)], { DATABASE_URL: db.url }));
  const { rawQuery } = await import("@/server/db");
  const spansStored = async () => Number((await rawQuery<{ n: string }>(`SELECT count(*)::text AS n FROM "Span"`))[0]!.n);
  const before = await spansStored();
  const ingest = await send(port);
  if (ingest.errors) throw new Error(`${ingest.errors} batches were refused`);
  if (ingest.requests > batches.length) console.log("(ran out of prepared batches before the time was up: raise the estimate)");
  // Every answered batch must be stored (a batch still in flight at the deadline may be, too).
  const stored = (await spansStored()) - before;
  const answered = ingest.perSecond * seconds * batchSize;
  if (stored < answered) throw new Error(`${stored} spans stored, ${answered} acknowledged`);
  const ingestRate = ingest.perSecond * batchSize;
  decodePasses();
  const decodeRate = median(decodeRates);
  console.log(`\nOTLP ingest, ${senders} senders × batches of ${batchSize} spans, ${seconds} s:`);
  console.log(
    `${"decode + validate alone (baseline)".padEnd(40)} ${Math.round(decodeRate).toLocaleString("en").padStart(9)} spans/s (median of 3 passes before the HTTP runs and 3 after: ${decodeRates.map((r) => Math.round(r).toLocaleString("en")).join(", ")})`,
  );
  console.log(
    `${"HTTP + decode, nothing stored".padEnd(40)} ${Math.round(receiveRate).toLocaleString("en").padStart(9)} spans/s (the same ${senders} senders)`,
  );
  console.log(cpuLine(received.cpu));
  console.log(
    `${"ingest: HTTP + decode + store".padEnd(40)} ${Math.round(ingestRate).toLocaleString("en").padStart(9)} spans/s · ratio ${(ingestRate / decodeRate).toFixed(3)} to decoding alone, ${(ingestRate / receiveRate).toFixed(3)} to receiving without storing`,
  );
  console.log(cpuLine(ingest.cpu));

  // Counting what was just ingested per flow (lineage rates, the scorecard): the spans themselves, as a
  // reader does before the worker's first fold (baseline), against the folded minute counts after it.
  {
    const { foldSpanFlows, tracedConsumers, messagingCountsSince, hopLatenciesSince } = await import("@/server/domain/traces");
    const windowStart = BigInt(Date.now() - 3_600_000) * 1_000_000n;
    const reads = {
      "consumers traced in the last hour": () => tracedConsumers(windowStart),
      "span counts per flow, last hour": () => messagingCountsSince(windowStart),
      "hop latencies (p50, p95), last hour": () => hopLatenciesSince(windowStart),
    };
    const bySpans = await timeEach(reads, 5);
    const hopsBefore = JSON.stringify(await hopLatenciesSince(windowStart));
    const t0 = performance.now();
    const { spans: folded } = await foldSpanFlows({ settleMs: 0 });
    const foldMs = performance.now() - t0;
    const byMinutes = await timeEach(reads, 5);
    // The fast answer must be the same answer.
    const hopsAfter = await hopLatenciesSince(windowStart);
    if (JSON.stringify(hopsAfter) !== hopsBefore)
      throw new Error(`hop latencies differ after the fold: ${hopsBefore} → ${JSON.stringify(hopsAfter)}`);
    console.log(
      `\nper-flow counts over the ${stored.toLocaleString("en")} spans ingested (median of 5), counting the spans (baseline) and from minute counts:`,
    );
    for (const name of Object.keys(reads)) {
      console.log(
        `${name.padEnd(40)} ${bySpans[name]!.toFixed(1).padStart(8)} ms ${byMinutes[name]!.toFixed(1).padStart(8)} ms · ratio ${(byMinutes[name]! / bySpans[name]!).toFixed(3)}`,
      );
    }
    console.log(`${"(the fold that made them)".padEnd(40)} ${folded.toLocaleString("en")} spans in ${foldMs.toFixed(0)} ms`);
    const pairs = hopsAfter.reduce((n, h) => n + h.samples, 0);
    console.log(`${"(hops: producer-consumer pairs)".padEnd(40)} ${pairs.toLocaleString("en")} in ${hopsAfter.length} flow(s)`);
  }

  // A 10,000-span journey: one order fanned out to 99 consumer traces (link-style), each with 100 spans.
  const { storeSpans, loadJourney, buildJourney } = await import("@/server/domain/traces");
  const { db: prisma } = await import("@/server/db");
  const hex = (n: number) => randomBytes(n).toString("hex");
  const root = { traceId: hex(16), spanId: hex(8) };
  const base = BigInt(Date.now()) * 1_000_000n;
  const mk = (
    traceId: string,
    spanId: string,
    parentSpanId: string | null,
    kind: number,
    offsetMs: number,
    links: { traceId: string; spanId: string }[] = [],
  ) => ({
    traceId,
    spanId,
    parentSpanId,
    name: kind === 4 ? "send orders" : kind === 5 ? "process orders" : "work",
    kind,
    startNs: base + BigInt(Math.round(offsetMs * 1_000_000)),
    endNs: base + BigInt(Math.round((offsetMs + 1) * 1_000_000)),
    statusCode: 0,
    statusMessage: null,
    attributes: { "messaging.system": "kafka", "messaging.destination.name": "orders" },
    resource: { "service.name": kind === 4 ? "order-service" : "consumer-service" },
    scope: null,
    events: [],
    links: links.map((l) => ({ ...l, attributes: {} })),
  });
  const journeySpans = [mk(root.traceId, root.spanId, null, 4, 0)];
  for (let c = 0; c < 99; c++) {
    const traceId = hex(16);
    const consumer = hex(8);
    journeySpans.push(mk(traceId, consumer, null, 5, 2 + c, [root]));
    let parent = consumer;
    for (let k = 0; k < 100; k++) {
      const id = hex(8);
      journeySpans.push(mk(traceId, id, k % 10 ? parent : consumer, 1, 3 + c + k * 0.01));
      parent = id;
    }
  }
  const spanCount = journeySpans.length;
  for (let i = 0; i < journeySpans.length; i += 2000) await storeSpans(journeySpans.slice(i, i + 2000));
  const traceIds = [...new Set(journeySpans.map((s) => s.traceId))];
  const raw: number[] = [];
  const load: number[] = [];
  const build: number[] = [];
  let rows = 0;
  for (let r = 0; r < 5; r++) {
    t = performance.now();
    const all = await prisma.span.findMany({ where: { traceId: { in: traceIds } } });
    raw.push(performance.now() - t);
    t = performance.now();
    const j = await loadJourney(root.traceId);
    load.push(performance.now() - t);
    rows = j!.rows.length;
    const light = all.map((s) => ({ ...s, links: (s.links as { traceId: string; spanId: string }[]) ?? [] }));
    t = performance.now();
    buildJourney(light);
    build.push(performance.now() - t);
  }
  if (rows !== spanCount) throw new Error(`journey has ${rows} rows, expected ${spanCount}`);
  console.log(`\n${spanCount.toLocaleString("en")}-span journey across ${traceIds.length} traces (median of 5):`);
  console.log(`${"read the spans, one query (baseline)".padEnd(40)} ${median(raw).toFixed(0).padStart(6)} ms`);
  console.log(
    `${"load + stitch the journey".padEnd(40)} ${median(load).toFixed(0).padStart(6)} ms · ratio ${(median(load) / median(raw)).toFixed(2)}`,
  );
  console.log(
    `${"of which: stitching alone (in memory)".padEnd(40)} ${median(build).toFixed(1).padStart(6)} ms · ratio ${(median(build) / median(raw)).toFixed(3)}`,
  );
  if (searchesSmall) printSearches(searchesSmall, await timeSearches(storedSpans), Math.floor(storedSpans / 100), storedSpans);
  await renderInBrowser(root.traceId, spanCount);
  await prisma.$disconnect();
} finally {
  for (const c of children) c.kill(process.env.BENCH_PROFILE ? "SIGINT" : "SIGTERM");
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
}

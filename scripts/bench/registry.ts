// `npm run bench -- registry`: the Confluent-compatible API under 32 concurrent keep-alive clients
// (GET schema by id, register new and existing, lookup, a check against the latest of 100 versions and
// against all of them), measured in one run beside the peer and a bare server:
//   - a bare node:http answering a constant JSON body (the ceiling of this machine and load generator);
//   - Apicurio Registry 3.3.3 (its Confluent API), in memory and on PostgreSQL, after a JVM warm-up;
//   - Eventplane's real web process (scripts/web-server.ts, the registry answered ahead of Next), the
//     same with a web process per core (EVENTPLANE_WEB_PROCESSES=2), `next start` (the same handler
//     behind Next's route) and the handler alone on node:http, so the framework's share is measured
//     rather than guessed.
// Every answer's status is checked (a fast error never counts), and each scenario's first answer body.
// Options: --seconds 8 --concurrency 32 --warmup 10 (JVM) --node-warmup 2
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { prepareDatabase } from "../lib/database";
import { defaultCacheDir } from "../lib/kafka-broker";
import { freePort } from "../lib/ports";
import { APICURIO_API, APICURIO_VERSION, startApicurio } from "./apicurio";
import { numberArg } from "./args";
import { benchAuth, startChildServer } from "./child-server";
import { runLoad, type LoadResult, type Req } from "./load";
import { startNextServer, startWebServer } from "./next-server";

const seconds = numberArg("seconds", 8);
const concurrency = numberArg("concurrency", 32);
const jvmWarmup = numberArg("warmup", 10);
const nodeWarmup = numberArg("node-warmup", 2);
const log = (s: string) => console.log(s);

const dir = mkdtempSync(join(tmpdir(), "eventplane-bench-"));
chmodSync(dir, 0o755);
const db = await prepareDatabase({ dataDir: dir, pgPort: await freePort(), databaseUrl: process.env.DATABASE_URL, log: () => undefined });

const record = (name: string, extra: number) => ({
  type: "record",
  name,
  namespace: "bench",
  fields: [
    { name: "id", type: "string" },
    ...Array.from({ length: extra }, (_, i) => ({ name: `f${i}`, type: ["null", "string"], default: null })),
  ],
});
const body = (schema: object) => JSON.stringify({ schema: JSON.stringify(schema) });
const run = Date.now().toString(36);
let fresh = 0;

type Scenario = { name: string; next: (i: number) => Req; expect: (answer: Record<string, unknown>) => boolean };

/** A 100-version subject set up on a target (FULL_TRANSITIVE, each version adds an optional field), and the scenarios against it. */
async function prepare(base: string, api: string, tag: string): Promise<Scenario[]> {
  const call = async (method: string, path: string, payload?: string) => {
    const res = await fetch(`${base}${api}${path}`, {
      method,
      headers: { "content-type": "application/vnd.schemaregistry.v1+json", ...benchAuth },
      body: payload,
    });
    if (!res.ok) throw new Error(`${tag}: ${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const deep = `bench-deep-${tag}-${run}`;
  await call("PUT", `/config/${deep}`, JSON.stringify({ compatibility: "FULL_TRANSITIVE" }));
  const t = performance.now();
  for (let v = 0; v < 100; v++) await call("POST", `/subjects/${deep}/versions`, body(record("Deep", v)));
  log(`${tag}: ${deep} set up with 100 versions under FULL_TRANSITIVE in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const existing = body(record("Deep", 99));
  const { id } = await call("POST", `/subjects/${deep}/versions`, existing);
  const candidate = body(record("Deep", 100));
  return [
    {
      name: "GET /schemas/ids/{id}",
      next: () => ({ method: "GET", path: `${api}/schemas/ids/${id}` }),
      expect: (a) => typeof a.schema === "string",
    },
    {
      name: "register existing (idempotent)",
      next: () => ({ method: "POST", path: `${api}/subjects/${deep}/versions`, body: existing }),
      expect: (a) => a.id === id,
    },
    {
      name: "register new (new subject + id)",
      // A name never used before, across warm-up and every target (the load's own index restarts at 0).
      next: () => {
        const i = fresh++;
        return { method: "POST", path: `${api}/subjects/bench-new-${tag}-${run}-${i}/versions`, body: body(record(`New${i}`, 1)) };
      },
      expect: (a) => typeof a.id === "number",
    },
    {
      name: "lookup POST /subjects/{subject}",
      next: () => ({ method: "POST", path: `${api}/subjects/${deep}`, body: existing }),
      expect: (a) => a.id === id && a.version === 100,
    },
    {
      name: "check vs the latest of 100 versions",
      next: () => ({ method: "POST", path: `${api}/compatibility/subjects/${deep}/versions/latest`, body: candidate }),
      expect: (a) => a.is_compatible === true,
    },
    {
      name: "check vs all 100 versions",
      next: () => ({ method: "POST", path: `${api}/compatibility/subjects/${deep}/versions`, body: candidate }),
      expect: (a) => a.is_compatible === true,
    },
  ];
}

/** One answer of each scenario read and checked, so a target that answers fast but wrong is caught. */
async function verify(base: string, scenarios: Scenario[], tag: string) {
  for (const s of scenarios) {
    const req = s.next(0);
    const res = await fetch(`${base}${req.path}`, {
      method: req.method,
      headers: { "content-type": "application/vnd.schemaregistry.v1+json", ...benchAuth },
      body: req.body as BodyInit | undefined,
    });
    const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok || !s.expect(answer)) throw new Error(`${tag}: ${s.name} answered ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
  }
}

const results = new Map<string, Map<string, LoadResult>>();
const ONE_WEB = "Eventplane: the real web process (registry ahead of Next)";
const TWO_WEB = "Eventplane: two web processes (EVENTPLANE_WEB_PROCESSES=2)";
const HANDLER = "Eventplane: the handler alone on node:http";
const fmt = (r: LoadResult) =>
  `${r.perSecond.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(2).padStart(6)} ms  p99 ${r.p99.toFixed(2).padStart(7)} ms`;

/** `peer`: another project's server, whose failed or unanswered requests are reported, not fatal. */
async function measureTarget(label: string, base: string, scenarios: Scenario[], warmupSeconds: number, peer = false) {
  await verify(base, scenarios, label);
  console.log(`\n${label}`);
  const rows = new Map<string, LoadResult>();
  for (const s of scenarios) {
    await runLoad(base, s.next, { concurrency, durationMs: warmupSeconds * 1000 });
    const r = await runLoad(base, s.next, { concurrency, durationMs: seconds * 1000 });
    if (r.errors && !peer) throw new Error(`${label}: ${s.name}: ${r.errors} of ${r.requests} requests failed`);
    const failed = r.errors ? `  (${r.errors} of ${r.requests} failed or got no answer in 10 s: not counted)` : "";
    console.log(`  ${s.name.padEnd(38)} ${fmt(r)}${failed}`);
    rows.set(s.name, r);
  }
  results.set(label, rows);
}

const children: ChildProcess[] = [];
const stop = (c: ChildProcess) =>
  new Promise<void>((resolve) => (c.exitCode !== null ? resolve() : (c.once("exit", () => resolve()), c.kill())));
try {
  console.log(
    `${concurrency} concurrent keep-alive clients, ${seconds} s per scenario after a warm-up (${jvmWarmup} s for the JVM, ${nodeWarmup} s for node)`,
  );
  const baselinePort = await freePort();
  children.push(await startChildServer("serve-constant.ts", [String(baselinePort)], { DATABASE_URL: db.url }));
  const bare = await runLoad(`http://127.0.0.1:${baselinePort}`, () => ({ method: "GET", path: "/" }), {
    concurrency,
    durationMs: nodeWarmup * 1000,
  }).then(() =>
    runLoad(`http://127.0.0.1:${baselinePort}`, () => ({ method: "GET", path: "/" }), { concurrency, durationMs: seconds * 1000 }),
  );
  console.log(`\nbaseline: bare node:http, constant JSON   ${fmt(bare)}`);
  await stop(children.pop()!);

  // The peer, alone on the machine while it is measured.
  const cacheDir = defaultCacheDir(process.env.EVENTPLANE_CACHE_DIR);
  const apicurioDb = `apicurio_${run}`;
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${apicurioDb}`);
  await admin.end();
  const apicurioUrl = Object.assign(new URL(db.url), { pathname: `/${apicurioDb}` }).toString();
  for (const [label, storage] of [
    [`Apicurio ${APICURIO_VERSION} (in memory)`, "memory"],
    [`Apicurio ${APICURIO_VERSION} (PostgreSQL)`, { url: apicurioUrl }],
  ] as const) {
    const peer = await startApicurio(cacheDir, storage, log);
    if (!peer) continue;
    try {
      await measureTarget(
        label,
        peer.base,
        await prepare(peer.base, APICURIO_API, label.includes("memory") ? "am" : "ap"),
        jvmWarmup,
        true,
      );
    } finally {
      await stop(peer.child);
    }
  }

  // Eventplane: its targets share one database, so the subject is set up once.
  const api = "/api/schema-registry";
  const handlerPort = await freePort();
  children.push(await startChildServer("serve-handler.ts", ["registry", String(handlerPort)], { DATABASE_URL: db.url }));
  const handlerBase = `http://127.0.0.1:${handlerPort}`;
  const scenarios = await prepare(handlerBase, api, "ep");
  const webEnv = { DATABASE_URL: db.url, EVENTPLANE_SECRET_KEY: randomBytes(32).toString("base64") };
  const web = await startWebServer(webEnv);
  if (web) {
    await measureTarget(ONE_WEB, web.base, scenarios, nodeWarmup);
    await stop(web.child);
    // As a platform team would run it on this machine: a web process per core (the peer's JVM uses both too).
    const two = await startWebServer({ ...webEnv, EVENTPLANE_WEB_PROCESSES: "2" });
    if (two) {
      await measureTarget(TWO_WEB, two.base, scenarios, nodeWarmup);
      await stop(two.child);
    }
  } else console.log("\n(no `next build` here: run npm run build to measure the web process and next start)");
  await measureTarget(HANDLER, handlerBase, scenarios, nodeWarmup);
  await stop(children.pop()!);
  const nextOnly = await startNextServer(webEnv);
  if (nextOnly) {
    await measureTarget("Eventplane: next start (the same handler behind Next's route)", nextOnly.base, scenarios, nodeWarmup);
    await stop(nextOnly.child);
  }

  // The ratios: Eventplane as deployed (one web process, and one per core) against the peer and the bare server.
  const deployed = [ONE_WEB, TWO_WEB].filter((label) => results.has(label));
  const peers = [...results.keys()].filter((k) => k.startsWith("Apicurio"));
  for (const label of deployed.length ? deployed : [HANDLER]) {
    const ours = results.get(label)!;
    console.log(`\nratios (throughput) of ${label.replace("Eventplane: ", "")}:`);
    for (const s of scenarios) {
      const mine = ours.get(s.name)!;
      const vsPeers = peers.map(
        (p) =>
          `÷ ${p.replace(`Apicurio ${APICURIO_VERSION} `, "Apicurio ")} ×${(mine.perSecond / results.get(p)!.get(s.name)!.perSecond).toFixed(2)}`,
      );
      console.log(`  ${s.name.padEnd(38)} ÷ bare ×${(mine.perSecond / bare.perSecond).toFixed(3)}  ${vsPeers.join("  ")}`);
    }
  }
} finally {
  for (const c of children) c.kill();
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
}

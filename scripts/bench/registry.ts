// `npm run bench -- registry`: the Confluent-compatible API under 32 concurrent keep-alive clients
// (GET schema by id, register new and existing, lookup, FULL_TRANSITIVE check against a 100-version
// subject), each as a ratio against a bare node:http server answering a constant JSON body, measured
// in this run. The registry runs in its own process on a real PostgreSQL (embedded unless DATABASE_URL):
// the handler alone on node:http, and, when there is a `next build`, the real web process (the wire
// protocols answered ahead of Next) and `next start` (the same handler behind Next's route), so the
// framework's share of a request is measured rather than guessed.
// Options: --seconds 5 --concurrency 32
import type { ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepareDatabase } from "../lib/database";
import { freePort } from "../lib/ports";
import { randomBytes } from "node:crypto";
import { benchAuth, startChildServer } from "./child-server";
import { startNextServer, startWebServer } from "./next-server";
import { runLoad, type LoadResult, type Req } from "./load";
import { numberArg } from "./args";

const seconds = numberArg("seconds", 5);
const concurrency = numberArg("concurrency", 32);

const dir = mkdtempSync(join(tmpdir(), "eventplane-bench-"));
chmodSync(dir, 0o755);
const db = await prepareDatabase({ dataDir: dir, pgPort: await freePort(), databaseUrl: process.env.DATABASE_URL, log: () => undefined });

const start = (script: string, port: number, args: string[] = []) =>
  startChildServer(script, [...args, String(port)], { DATABASE_URL: db.url });

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

const children: ChildProcess[] = [];
try {
  const baselinePort = await freePort();
  children.push(await start("serve-constant.ts", baselinePort));
  const registryPort = await freePort();
  children.push(await start("serve-handler.ts", registryPort, ["registry"]));
  const registry = `http://127.0.0.1:${registryPort}`;
  const api = "/api/schema-registry";

  // A subject with 100 versions under FULL_TRANSITIVE: each version adds an optional field.
  const call = async (method: string, path: string, payload?: string) => {
    const res = await fetch(`${registry}${api}${path}`, {
      method,
      headers: { "content-type": "application/json", ...benchAuth },
      body: payload,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const run = Date.now().toString(36);
  const deep = `bench-deep-${run}`;
  await call("PUT", `/config/${deep}`, JSON.stringify({ compatibility: "FULL_TRANSITIVE" }));
  let t = performance.now();
  for (let v = 0; v < 100; v++) await call("POST", `/subjects/${deep}/versions`, body(record("Deep", v)));
  console.log(`set up ${deep}: 100 versions under FULL_TRANSITIVE in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const existing = body(record("Deep", 99));
  const { id } = await call("POST", `/subjects/${deep}/versions`, existing);
  const candidate = body(record("Deep", 100));

  let fresh = 0;
  const scenarios: [string, (i: number) => Req][] = [
    ["GET /schemas/ids/{id}", () => ({ method: "GET", path: `${api}/schemas/ids/${id}` })],
    ["register existing (idempotent)", () => ({ method: "POST", path: `${api}/subjects/${deep}/versions`, body: existing })],
    [
      "register new (new subject + id)",
      // A name never used before, across warm-up and every target (the load's own index restarts at 0).
      () => {
        const i = fresh++;
        return { method: "POST", path: `${api}/subjects/bench-new-${run}-${i}/versions`, body: body(record(`New${i}`, 1)) };
      },
    ],
    ["lookup POST /subjects/{subject}", () => ({ method: "POST", path: `${api}/subjects/${deep}`, body: existing })],
    [
      "FULL_TRANSITIVE check vs 100 versions",
      () => ({ method: "POST", path: `${api}/compatibility/subjects/${deep}/versions`, body: candidate }),
    ],
  ];

  const measure = async (url: string, next: (i: number) => Req) => {
    await runLoad(url, next, { concurrency, durationMs: 1_000 }); // warm-up: JIT, connections, caches
    return runLoad(url, next, { concurrency, durationMs: seconds * 1000 });
  };
  const baseline = await measure(`http://127.0.0.1:${baselinePort}`, () => ({ method: "GET", path: "/" }));
  const fmt = (r: LoadResult) =>
    `${r.perSecond.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(2).padStart(6)} ms  p99 ${r.p99.toFixed(2).padStart(7)} ms`;
  console.log(
    `\n${concurrency} concurrent clients, ${seconds} s each after 1 s warm-up; ratio = registry ÷ baseline (throughput) and registry ÷ baseline (latency)`,
  );
  console.log(`${"baseline: bare node:http, constant JSON".padEnd(40)} ${fmt(baseline)}`);
  const report = async (label: string, target: string) => {
    console.log(`\n${label}`);
    for (const [name, next] of scenarios) {
      const r = await measure(target, next);
      if (r.errors) throw new Error(`${name}: ${r.errors} of ${r.requests} requests failed`);
      console.log(
        `${name.padEnd(40)} ${fmt(r)}  · throughput ×${(r.perSecond / baseline.perSecond).toFixed(3)}, p50 ×${(r.p50 / baseline.p50).toFixed(1)}, p99 ×${(r.p99 / baseline.p99).toFixed(1)}`,
      );
    }
  };
  await report("the handler on plain node:http", registry);
  // The web tier as deployed: same database, a key of its own (nothing here reads secrets).
  const webEnv = { DATABASE_URL: db.url, EVENTPLANE_SECRET_KEY: randomBytes(32).toString("base64") };
  const web = await startWebServer(webEnv);
  if (web) {
    children.push(web.child);
    await report("the real web process (scripts/web-server.ts: the registry answered ahead of Next)", web.base);
  }
  const nextOnly = await startNextServer(webEnv);
  if (nextOnly) {
    children.push(nextOnly.child);
    await report("next start (the same handler behind Next's route)", nextOnly.base);
  }
  if (!web || !nextOnly) console.log("\n(no `next build` here: run npm run build to measure the web process too)");
} finally {
  for (const c of children) c.kill();
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
}

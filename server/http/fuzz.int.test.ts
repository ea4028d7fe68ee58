// A bounded fuzz of every HTTP surface through the real adapters and a real PostgreSQL: valid requests
// mutated (values replaced by hostile ones, bytes flipped or cut, paths and content types garbled),
// a few thousand per surface. It fails on any 5xx, on a refused write that changed something anyway,
// and on a server that stops answering. The seed is printed, so a failure can be replayed.
import { gzipSync } from "node:zlib";
import { describe, expect, it, onTestFinished } from "vitest";
import { db } from "@/server/db";
import { useAppServer } from "@/test/app-server";
import { CONTENT_TYPES, mutateBytes, mutateJson, mutatePath, pick, rng, type Rng } from "@/test/fuzz/mutate";
import { createTestToken } from "@/test/tokens";

const app = useAppServer();
const PER_SURFACE = 2_000;
// A fixed seed by default, so CI runs the same requests every time (a finding is fixed, not a coin
// toss); FUZZ_SEED=<n> explores other ones (FUZZ_SEED=random for a fresh one each run).
const BASE_SEED = process.env.FUZZ_SEED === "random" ? Date.now() % 1_000_000 : Number(process.env.FUZZ_SEED ?? 29_029);
console.log(`[fuzz] seed ${BASE_SEED} (FUZZ_SEED=${BASE_SEED} replays it)`);

type Attempt = { method: string; path: string; headers: Record<string, string>; body?: Uint8Array | string };
type Outcome = { status: number; attempt: Attempt };

async function send(a: Attempt): Promise<Outcome> {
  const res = await fetch(app.url + a.path, {
    method: a.method,
    headers: a.headers,
    body: a.method === "GET" || a.method === "HEAD" ? undefined : (a.body as BodyInit | undefined),
    signal: AbortSignal.timeout(15_000),
  });
  await res.arrayBuffer();
  return { status: res.status, attempt: a };
}

const describeAttempt = (a: Attempt) =>
  `${a.method} ${a.path.slice(0, 200)} [${a.headers["content-type"] ?? ""}] ${typeof a.body === "string" ? a.body.slice(0, 300) : a.body ? `${a.body.byteLength} bytes` : ""}`;

/** Sends `count` mutated requests; `unchanged` tells whether a refused write left the data alone. */
async function fuzz(surface: string, count: number, make: (r: Rng, i: number) => Attempt, state: () => Promise<string>) {
  const r = rng(BASE_SEED + surface.length * 7919);
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const attempt = make(r, i);
    const before = attempt.method === "GET" ? "" : await state();
    const { status } = await send(attempt);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status >= 500) failures.push(`${status} ← ${describeAttempt(attempt)}`);
    else if (status >= 400 && attempt.method !== "GET" && (await state()) !== before)
      failures.push(`refused (${status}) but changed data ← ${describeAttempt(attempt)}`);
    if (failures.length >= 5) break;
  }
  const health = await fetch(`${app.url}/api/health`, { signal: AbortSignal.timeout(10_000) });
  console.log(`[fuzz] ${surface}: ${count} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
  expect(failures).toEqual([]);
  expect(health.status).toBe(200);
}

const registryState = async () =>
  JSON.stringify(
    await Promise.all([
      db.schema.count(),
      db.subjectVersion.count(),
      db.subjectVersion.count({ where: { deleted: true } }),
      db.subjectConfig.findMany({ orderBy: { subject: "asc" } }),
    ]),
  );
const spanState = async () => String(await db.span.count());
const auditState = async () => String(await db.auditEntry.count({ where: { action: { not: { startsWith: "auth." } } } }));

describe("fuzzing every HTTP surface", () => {
  it("the schema registry never answers 5xx and never half-writes", async () => {
    const { bearer } = await createTestToken(["registry:write"], "admin");
    const avro = {
      type: "record",
      name: "Fuzz",
      fields: [
        { name: "id", type: "string" },
        { name: "n", type: ["null", "int"], default: null },
      ],
    };
    const seeds: (() => { method: string; path: string; body?: unknown })[] = [
      () => ({ method: "POST", path: "/subjects/fuzz-a/versions", body: { schema: JSON.stringify(avro) } }),
      () => ({
        method: "POST",
        path: "/subjects/fuzz-j/versions",
        body: { schemaType: "JSON", schema: JSON.stringify({ type: "object", properties: { a: { type: "string", pattern: "^x" } } }) },
      }),
      () => ({
        method: "POST",
        path: "/subjects/fuzz-p/versions",
        body: { schemaType: "PROTOBUF", schema: 'syntax = "proto3"; message M { string a = 1; }' },
      }),
      () => ({
        method: "POST",
        path: "/compatibility/subjects/fuzz-a/versions/latest?verbose=true",
        body: { schema: JSON.stringify(avro) },
      }),
      () => ({ method: "POST", path: "/subjects/fuzz-a", body: { schema: JSON.stringify(avro) } }),
      () => ({ method: "PUT", path: "/config/fuzz-a", body: { compatibility: "FULL" } }),
      () => ({ method: "PUT", path: "/mode/fuzz-j", body: { mode: "READWRITE" } }),
      () => ({ method: "DELETE", path: "/subjects/fuzz-p/versions/1" }),
      () => ({ method: "GET", path: "/subjects/fuzz-a/versions/latest" }),
      () => ({ method: "GET", path: "/schemas/ids/1/versions" }),
      () => ({ method: "GET", path: "/schemas?subjectPrefix=fuzz&deleted=true" }),
    ];
    // A mutated path may reach the global /config or /mode (an admin may change them): the registry's
    // global settings are put back afterwards, so the tests that run next see the defaults.
    const global = await db.subjectConfig.findUnique({ where: { subject: "" } });
    onTestFinished(async () => {
      if (global) await db.subjectConfig.upsert({ where: { subject: "" }, create: global, update: global });
      else await db.subjectConfig.deleteMany({ where: { subject: "" } });
    });
    await fuzz(
      "registry",
      PER_SURFACE,
      (r) => {
        const seed = pick(r, seeds)();
        const roll = r();
        const path = `/api/schema-registry${roll < 0.25 ? mutatePath(r, seed.path) : seed.path}`;
        const json = seed.body === undefined ? undefined : JSON.stringify(roll > 0.25 && roll < 0.8 ? mutateJson(r, seed.body) : seed.body);
        const body = json !== undefined && roll >= 0.8 ? mutateBytes(r, new TextEncoder().encode(json)) : json;
        const type = r() < 0.85 ? "application/vnd.schemaregistry.v1+json" : pick(r, CONTENT_TYPES);
        return {
          method: r() < 0.03 ? pick(r, ["PATCH", "PUT", "DELETE", "POST"]) : seed.method,
          path,
          headers: { ...bearer, "content-type": type },
          body,
        };
      },
      registryState,
    );
  });

  it("the OTLP receiver never answers 5xx and stores nothing from a refused batch", async () => {
    const { bearer } = await createTestToken(["otlp:write"], "viewer");
    let n = 0;
    const batch = () => ({
      resourceSpans: [
        {
          resource: { attributes: [{ key: "service.name", value: { stringValue: "fuzz" } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: (++n).toString(16).padStart(32, "a"),
                  spanId: n.toString(16).padStart(16, "b"),
                  name: "op",
                  kind: 4,
                  startTimeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
                  endTimeUnixNano: String(BigInt(Date.now()) * 1_000_000n + 5_000_000n),
                  attributes: [{ key: "messaging.destination.name", value: { stringValue: "orders" } }],
                  links: [{ traceId: "c".repeat(32), spanId: "d".repeat(16) }],
                },
              ],
            },
          ],
        },
      ],
    });
    await fuzz(
      "otlp",
      PER_SURFACE,
      (r) => {
        const roll = r();
        const text = JSON.stringify(roll < 0.6 ? mutateJson(r, batch()) : batch());
        let body: Uint8Array | string = roll >= 0.6 && roll < 0.85 ? mutateBytes(r, new TextEncoder().encode(text)) : text;
        const headers: Record<string, string> = { ...bearer, "content-type": r() < 0.8 ? "application/json" : pick(r, CONTENT_TYPES) };
        if (r() < 0.15) {
          headers["content-encoding"] = "gzip";
          body = r() < 0.5 ? gzipSync(body) : mutateBytes(r, gzipSync(body));
        }
        return { method: "POST", path: "/v1/traces", headers, body };
      },
      // A refused batch (4xx) stores nothing; a 200 may store the valid part.
      spanState,
    );
  });

  it("AsyncAPI import and export never answer 5xx and a refused import declares nothing", async () => {
    const { bearer } = await createTestToken(["write"], "admin");
    const doc = {
      asyncapi: "3.0.0",
      info: { title: "fuzz-app", version: "1.0.0" },
      channels: { orders: { address: "orders", messages: { placed: { payload: { type: "object" } } } } },
      operations: { send: { action: "send", channel: { $ref: "#/channels/orders" } } },
    };
    const declared = async () => String(await db.declaredEdge.count());
    await fuzz(
      "asyncapi",
      // The AsyncAPI parser takes ~100 ms a document: a quarter of the others keeps the suite's time.
      Math.round(PER_SURFACE / 4),
      (r) => {
        if (r() < 0.1)
          return {
            method: "GET",
            path: `/api/asyncapi?${pick(r, ["format=json", "team=%ZZ", "team=%00", "cluster=x", "format=yaml&team=a", "team=%ED%A0%80"])}`,
            headers: bearer,
          };
        const roll = r();
        const text = JSON.stringify(roll < 0.7 ? mutateJson(r, doc) : doc);
        const body = roll >= 0.7 ? mutateBytes(r, new TextEncoder().encode(text)) : text;
        return {
          method: "POST",
          path: `/api/asyncapi${r() < 0.3 ? `?service=${encodeURIComponent(String(mutateJson(r, "svc")).toWellFormed())}` : ""}`,
          headers: { ...bearer, "content-type": pick(r, ["application/json", "application/yaml", "text/plain"]) },
          body,
        };
      },
      declared,
    );
  });

  it("tRPC never answers 5xx and a refused mutation writes no audit entry (so no change)", async () => {
    const { bearer } = await createTestToken(["read", "write"], "admin");
    const calls: { path: string; input: unknown; mutation: boolean }[] = [
      { path: "topics.list", input: { page: 1, pageSize: 20, search: "x" }, mutation: false },
      { path: "traces.search", input: { service: "fuzz", limit: 20 }, mutation: false },
      { path: "audit.list", input: { limit: 10 }, mutation: false },
      { path: "schemas.register", input: { subject: "fuzz-trpc", schema: '{"type":"string"}', schemaType: "AVRO" }, mutation: true },
      { path: "alerts.createRule", input: { name: "fuzz-rule", kind: "dlq_depth", threshold: 5, ownerTeam: "fuzz" }, mutation: true },
      { path: "lineage.declare", input: { service: "fuzz-svc", direction: "produces", topic: "fuzz-topic" }, mutation: true },
      { path: "identity.createToken", input: { name: "fuzz-token", role: "viewer", scopes: ["read"] }, mutation: true },
      { path: "identity.createUser", input: { username: "fuzz-user", password: "a long password", role: "viewer" }, mutation: true },
      {
        path: "topics.updateMetadata",
        input: { id: "00000000-0000-4000-8000-000000000000", ownerTeam: null, description: "x", tags: [] },
        mutation: true,
      },
    ];
    await fuzz(
      "trpc",
      PER_SURFACE,
      (r, i) => {
        const call = pick(r, calls);
        const input = r() < 0.85 ? mutateJson(r, call.input) : call.input;
        // Names made unique per request, so a valid create is a real write, not a conflict.
        const wrapped = JSON.stringify({ json: input }).replaceAll("fuzz-", `fuzz${i}-`);
        const path = `/api/trpc/${r() < 0.1 ? pick(r, ["nope.none", "topics", "", "__proto__.x", `${call.path},${call.path}`]) : call.path}`;
        if (!call.mutation) return { method: "GET", path: `${path}?input=${encodeURIComponent(wrapped)}`, headers: bearer };
        const body = r() < 0.15 ? mutateBytes(r, new TextEncoder().encode(wrapped)) : wrapped;
        return {
          method: "POST",
          path,
          headers: { ...bearer, "content-type": r() < 0.9 ? "application/json" : pick(r, CONTENT_TYPES) },
          body,
        };
      },
      auditState,
    );
  });

  it("sign-in never answers 5xx, whatever the input", async () => {
    await fuzz(
      "sign-in",
      PER_SURFACE,
      (r) => {
        const input = mutateJson(r, { username: "admin", password: "not the password" });
        const body =
          r() < 0.2 ? mutateBytes(r, new TextEncoder().encode(JSON.stringify({ json: input }))) : JSON.stringify({ json: input });
        return {
          method: "POST",
          path: "/api/trpc/auth.signIn",
          headers: {
            "content-type": "application/json",
            origin: app.url,
            "x-forwarded-for": `10.0.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}`,
          },
          body,
        };
      },
      async () => String(await db.session.count()),
    );
  });
});

// The records API over HTTP with API tokens: GET …/messages answers decoded, filtered messages with the
// scan's counts and the token's permissions; the browser's streaming search sends progress and each
// match as it goes, and stops when the caller hangs up.
import { beforeAll, describe, expect, it } from "vitest";
import { syncCluster } from "@/collectors/catalog-sync/sync-cluster";
import { db } from "@/server/db";
import { useAppServer } from "@/test/app-server";
import { createTestCluster } from "@/test/catalog-helpers";
import { createTopic, testKafka, uniqueName } from "@/test/kafka-helpers";
import { createTestToken } from "@/test/tokens";

const app = useAppServer();
const topic = uniqueName("payments");
let clusterName = "";
let topicId = "";
let reader: Record<string, string> = {};
let outsider: Record<string, string> = {};

beforeAll(async () => {
  await createTopic(topic, 2);
  const producer = testKafka().producer();
  await producer.connect();
  await producer.send({
    topic,
    messages: Array.from({ length: 200 }, (_, i) => ({
      partition: i % 2,
      key: `pay-${i}`,
      value: JSON.stringify({ payment: i, currency: i % 10 === 0 ? "EUR" : "USD" }),
    })),
  });
  await producer.disconnect();
  const cluster = await createTestCluster();
  clusterName = (await db.cluster.findUniqueOrThrow({ where: { id: cluster.id } })).name;
  await syncCluster(cluster, { withConfigs: false });
  topicId = (await db.topic.findFirstOrThrow({ where: { clusterId: cluster.id, name: topic } })).id;
  await db.topic.update({ where: { id: topicId }, data: { ownerTeam: "payments" } });
  reader = (await createTestToken(["read"], "viewer", "payments")).bearer;
  outsider = (await createTestToken(["read"], "editor", "growth")).bearer;
});

const messagesUrl = (query: string) =>
  `${app.url}/api/v1/clusters/${encodeURIComponent(clusterName)}/topics/${encodeURIComponent(topic)}/messages?${query}`;

describe("GET /api/v1/clusters/{cluster}/topics/{topic}/messages", () => {
  it("answers the matching messages, decoded, with the scan's counts", async () => {
    const res = await fetch(
      messagesUrl(`from=earliest&direction=oldest&filter=${encodeURIComponent('value.currency == "EUR"')}&limit=100`),
      {
        headers: reader,
      },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      messages: { key: { text: string }; value: { text: string } }[];
      scanned: number;
      matched: number;
      stoppedBy: string;
    };
    expect(body).toMatchObject({ scanned: 200, matched: 20, stoppedBy: "end", cursor: null });
    expect(body.messages.map((m) => m.key.text).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `pay-${i * 10}`).sort());
    expect(JSON.parse(body.messages[0]!.value.text)).toMatchObject({ currency: "EUR" });

    const page = await (await fetch(messagesUrl("from=offset:10&partition=1&direction=oldest&limit=2"), { headers: reader })).json();
    expect(page.messages.map((m: { offset: string }) => m.offset)).toEqual(["10", "11"]);
  });

  it("refuses bad parameters with a 400 that names them, strangers with a 403, no token with a 401", async () => {
    const bad = await fetch(messagesUrl("from=yesterday"), { headers: reader });
    expect([bad.status, (await bad.json()).error]).toEqual([400, "from is earliest, latest, offset:<n> or time:<ISO 8601>"]);
    const badFilter = await fetch(messagesUrl(`filter=${encodeURIComponent("value.")}`), { headers: reader });
    expect([badFilter.status, (await badFilter.json()).error]).toEqual([400, expect.stringContaining("not valid CEL")]);
    expect((await fetch(messagesUrl("limit=5"), { headers: outsider })).status).toBe(403);
    expect((await fetch(messagesUrl("limit=5"))).status).toBe(401);
    const nowhere = await fetch(`${app.url}/api/v1/clusters/no-such-cluster/topics/${topic}/messages`, { headers: reader });
    expect(nowhere.status).toBe(404);
  });
});

describe("POST /api/records/search (the browser's streaming search)", () => {
  it("streams progress and matches, then a summary", async () => {
    const res = await fetch(`${app.url}/api/records/search`, {
      method: "POST",
      headers: { ...reader, "content-type": "application/json" },
      body: JSON.stringify({ topicId, filter: "value.payment % 50 == 0", limit: 10 }),
    });
    expect(res.headers.get("content-type")).toContain("application/x-ndjson");
    const events = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; message?: { key: { text: string } }; scanned?: number; stoppedBy?: string });
    expect(
      events
        .filter((e) => e.type === "message")
        .map((e) => e.message!.key.text)
        .sort(),
    ).toEqual(["pay-0", "pay-100", "pay-150", "pay-50"]);
    expect(events.at(-1)).toMatchObject({ type: "done", scanned: 200, matched: 4, stoppedBy: "end" });
  });

  it("says what is wrong as an error event or a 400", async () => {
    const res = await fetch(`${app.url}/api/records/search`, {
      method: "POST",
      headers: { ...reader, "content-type": "application/json" },
      body: JSON.stringify({ topicId, from: "offset" }),
    });
    const events = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(events).toEqual([{ type: "error", error: "Starting at an offset needs the offset" }]);
    const notJson = await fetch(`${app.url}/api/records/search`, { method: "POST", headers: reader, body: "{" });
    expect(notJson.status).toBe(400);
  });
});

describe("POST /api/v1/clusters/{cluster}/consumer-groups/{group}/reset-offsets", () => {
  it("answers the dry-run table, applies it with a writer's token, and refuses readers", async () => {
    const group = uniqueName("ledger");
    const admin = testKafka().admin();
    await admin.connect();
    await admin.setOffsets({
      groupId: group,
      topic,
      partitions: [
        { partition: 0, offset: "40" },
        { partition: 1, offset: "40" },
      ],
    });
    await admin.disconnect();
    const url = `${app.url}/api/v1/clusters/${encodeURIComponent(clusterName)}/consumer-groups/${encodeURIComponent(group)}/reset-offsets`;
    const writer = (await createTestToken(["write"], "editor", "payments")).bearer;
    const post = (headers: Record<string, string>, body: unknown) =>
      fetch(url, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });

    const dry = await post(writer, { topic, to: "shift", value: -15, dryRun: true });
    expect(dry.status).toBe(200);
    expect((await dry.json()).partitions).toEqual([
      { partition: 0, current: "40", next: "25", lagBefore: "60", lagAfter: "75" },
      { partition: 1, current: "40", next: "25", lagBefore: "60", lagAfter: "75" },
    ]);
    const applied = await post(writer, { topic, to: "earliest", partitions: [1], dryRun: false });
    expect(await applied.json()).toMatchObject({ applied: true, partitions: [{ partition: 1, next: "0" }] });
    expect((await post(reader, { topic, to: "earliest", dryRun: true })).status).toBe(403);
    const bad = await post(writer, { topic, to: "yesterday" });
    expect(bad.status).toBe(400);
  });
});

describe("GET /api/records/export", () => {
  it("streams a search's results as JSONL or CSV, for editors, audited", async () => {
    const editor = (await createTestToken(["read"], "editor", "payments")).bearer;
    const filter = encodeURIComponent('value.currency == "EUR"');
    const res = await fetch(
      `${app.url}/api/records/export?topicId=${topicId}&format=jsonl&from=earliest&direction=oldest&filter=${filter}`,
      { headers: editor },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`attachment; filename="${topic}-.*\\.jsonl"`));
    const lines = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { key: string; value: string; partition: number });
    expect(lines.map((l) => l.key).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `pay-${i * 10}`).sort());
    expect(JSON.parse(lines[0]!.value)).toMatchObject({ currency: "EUR" });

    // In CSV, up to `max` records: a header, then one row per record.
    const csv = await (
      await fetch(`${app.url}/api/records/export?topicId=${topicId}&format=csv&from=earliest&direction=oldest&max=150`, { headers: editor })
    ).text();
    const rows = csv.trim().split("\r\n");
    expect(rows[0]).toBe("partition,offset,timestamp,key,value,schema_id,headers");
    expect(rows).toHaveLength(151);
    expect(rows[1]).toMatch(/^0,0,[^,]+,pay-0,"\{""payment"":0,""currency"":""EUR""\}",,$/);

    const audit = await db.auditEntry.findFirst({
      where: { action: "records.export", targetId: { endsWith: `/${topic}` }, after: { path: ["format"], equals: "csv" } },
    });
    expect(audit).toMatchObject({ team: "payments" });
  });

  it("is refused to viewers and to bad requests, before anything is sent", async () => {
    const res = await fetch(`${app.url}/api/records/export?topicId=${topicId}`, { headers: reader });
    expect([res.status, (await res.json()).error]).toEqual([403, expect.stringContaining("Exports are for editors and admins")]);
    const editor = (await createTestToken(["read"], "editor", "payments")).bearer;
    expect((await fetch(`${app.url}/api/records/export?topicId=${topicId}&format=xlsx`, { headers: editor })).status).toBe(400);
    expect((await fetch(`${app.url}/api/records/export?topicId=${topicId}&filter=value.`, { headers: editor })).status).toBe(400);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document of the paths the server answers, and its parameters are the ones accepted", async () => {
    const { Validator } = await import("@seriousme/openapi-schema-validator");
    const doc = await (await fetch(`${app.url}/api/v1/openapi.json`)).json();
    const verdict = await new Validator().validate(doc);
    expect(verdict.errors ?? []).toEqual([]);
    expect(verdict.valid).toBe(true);
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/api/policy",
      "/api/policy/check",
      "/api/v1/clusters/{cluster}/consumer-groups/{group}/reset-offsets",
      "/api/v1/clusters/{cluster}/topics/{topic}/messages",
    ]);
    const documented = doc.paths["/api/v1/clusters/{cluster}/topics/{topic}/messages"].get.parameters
      .filter((p: { in: string }) => p.in === "query")
      .map((p: { name: string }) => p.name);
    // Every documented parameter is accepted; anything else is refused by name.
    const query = documented
      .map(
        (n: string) =>
          `${n}=${n === "from" ? "latest" : n === "direction" ? "newest" : n === "filter" ? "true" : n === "cursor" ? "" : "1"}`,
      )
      .join("&");
    expect((await fetch(messagesUrl(query.replace("cursor=&", "").replace("&cursor=", "")), { headers: reader })).status).toBe(200);
    const typo = await fetch(messagesUrl("limt=5"), { headers: reader });
    expect([typo.status, (await typo.json()).error]).toEqual([400, 'Unknown parameter "limt"; see /api/v1/openapi.json']);
  });
});

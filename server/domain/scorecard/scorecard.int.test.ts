// A scorecard pass over a real registry and a real Kafka: schemas without the envelope or named as
// commands and subjects at NONE are found, well-made ones are not; a group no rule watches is found, a
// watched one is not; a fix resolves its findings at the next pass; acknowledging is for the owning
// team (audited) and the trend compares with a week ago on the pass's own clock.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { syncCluster } from "@/collectors/catalog-sync/sync-cluster";
import { db } from "@/server/db";
import { createEndpoint, createRule, deleteEndpoint, deleteRule, evaluateRules, setFindingSource } from "@/server/domain/alerts";
import { currentPolicy, setPolicy } from "@/server/domain/policies";
import { registerSchema, setConfig } from "@/server/domain/schemas";
import { testActor, testAdmin } from "@/test/actors";
import { createTestCluster } from "@/test/catalog-helpers";
import { commitOffsets, createTopic, produce, uniqueName } from "@/test/kafka-helpers";
import {
  acknowledgeFinding,
  listFindings,
  openFindingsForAlerts,
  runPassNow,
  runScorecardPass,
  scorecardSummary,
  withdrawAcknowledgement,
} from ".";

const avro = (name: string, fields: string[]) =>
  JSON.stringify({ type: "record", name, namespace: "shop", fields: fields.map((f) => ({ name: f, type: "string" })) });
const ENVELOPE = ["event_id", "timestamp", "version", "aggregate_id", "correlation_id"];
const team = uniqueName("fulfilment");
const good = uniqueName("orders-good-value");
const bad = uniqueName("orders-bad-value");
const loose = uniqueName("orders-loose-value");
const topic = uniqueName("sc-orders");
const watchedGroup = uniqueName("sc-watched");
const unwatchedGroup = uniqueName("sc-unwatched");
let clusterId = "";
let lagRule = "";
let previous: Awaited<ReturnType<typeof currentPolicy>>["document"];

// Other files' subjects, topics and groups share this database: this file's things all belong to its team.
const ours = async (filter: Parameters<typeof listFindings>[0] = {}, now?: Date) =>
  (await listFindings({ limit: 200, team, ...filter }, now)).items.filter(
    (f) =>
      [good, bad, loose].includes(f.targetKey) || f.targetKey.endsWith(`/${watchedGroup}`) || f.targetKey.endsWith(`/${unwatchedGroup}`),
  );

beforeAll(async () => {
  previous = (await currentPolicy()).document;
  // The records this file's topic carries (plain "m0", "m1"…) are the record checks' business, tested
  // in record-checks.int.test.ts: here they are off, so the team's counts are the schema and group findings.
  await setPolicy(testAdmin, { checks: { unregisteredPayloads: { severity: "off" } } });
  const editor = testActor("editor", [team], "fulfilment-editor");
  await registerSchema(good, { schema: avro("OrderCreated", [...ENVELOPE, "order_id"]) }, { actor: editor });
  await registerSchema(bad, { schema: avro("CreateOrder", ["event_id", "order_id"]) }, { actor: editor });
  await registerSchema(loose, { schema: avro("OrderShipped", ENVELOPE) }, { actor: editor });
  await setConfig(loose, { compatibility: "NONE" }, editor);

  await createTopic(topic, 1);
  await produce(topic, { 0: 5 });
  await commitOffsets(watchedGroup, topic, { 0: 5 });
  await commitOffsets(unwatchedGroup, topic, { 0: 2 });
  const cluster = await createTestCluster();
  clusterId = cluster.id;
  await syncCluster(cluster, { withConfigs: false });
  await db.topic.updateMany({ where: { clusterId, name: topic }, data: { ownerTeam: team } });
  lagRule = (await createRule(testAdmin, { name: uniqueName("sc-lag"), kind: "group_lag_offsets", threshold: 100, target: watchedGroup }))
    .id;
}, 120_000);

afterAll(async () => {
  if (lagRule) await deleteRule(testAdmin, lagRule);
  await setPolicy(testAdmin, previous);
});

describe("a scorecard pass", () => {
  it("finds the planted pitfalls with their evidence, and nothing on the well-made subject or the watched group", async () => {
    const pass = await runScorecardPass();
    // Every check ran (a topic another file deleted meanwhile is a problem of the sample, not a failure).
    expect(pass).toMatchObject({ ran: true, failed: [] });
    const found = await ours();
    const summary = found.map((f) => [f.check, f.targetKey.replace(`${clusterId}/`, ""), f.detail]).sort();
    expect(summary).toEqual(
      [
        ["schemas.envelope", bad, "CreateOrder.timestamp"],
        ["schemas.envelope", bad, "CreateOrder.version"],
        ["schemas.envelope", bad, "CreateOrder.aggregate_id"],
        ["schemas.envelope", bad, "CreateOrder.correlation_id"],
        ["schemas.eventNames", bad, ""],
        ["schemas.compatibilityNone", loose, ""],
        ["observability.unwatchedGroup", unwatchedGroup, ""],
      ].sort(),
    );
    const group = found.find((f) => f.check === "observability.unwatchedGroup")!;
    expect(group).toMatchObject({ team, severity: "warning", targetType: "group" });
    expect(group.evidence).toMatchObject({ groupId: unwatchedGroup, topics: [topic], totalLag: 3 });
    const names = found.find((f) => f.check === "schemas.eventNames")!;
    expect(names).toMatchObject({ team, message: expect.stringContaining("OrderCreated") });
    expect(names.evidence).toMatchObject({ subject: bad, version: 1, schemaType: "AVRO" });
  });

  it("resolves what a fix removed at the next pass, and keeps what is still there", async () => {
    const editor = testActor("editor", [team], "fulfilment-editor");
    await setConfig(bad, { compatibility: "NONE" }, editor);
    await registerSchema(bad, { schema: avro("OrderCreated", [...ENVELOPE, "order_id"]) }, { actor: editor });
    await setConfig(bad, { compatibility: "BACKWARD" }, editor);
    const pass = await runScorecardPass();
    expect(pass.resolved).toBeGreaterThanOrEqual(5);
    // The fix itself went in by lowering the level to NONE and raising it again: that is a finding of its own.
    expect((await ours()).filter((f) => f.targetKey === bad).map((f) => [f.check, f.detail])).toEqual([["schemas.uncheckedVersion", "2"]]);
    expect((await ours()).find((f) => f.targetKey === bad)!.message).toMatch(/level is BACKWARD again/);
    const resolved = await ours({ state: "resolved" });
    expect(
      resolved
        .filter((f) => f.targetKey === bad)
        .map((f) => f.check)
        .sort(),
    ).toEqual(["schemas.envelope", "schemas.envelope", "schemas.envelope", "schemas.envelope", "schemas.eventNames"]);
    expect((await ours()).map((f) => f.check).sort()).toEqual([
      "observability.unwatchedGroup",
      "schemas.compatibilityNone",
      "schemas.uncheckedVersion",
    ]);
  });

  it("lets the owning team acknowledge a finding with a reason and an expiry, audited; others may not", async () => {
    const finding = (await ours()).find((f) => f.check === "schemas.compatibilityNone")!;
    await expect(
      acknowledgeFinding(testActor("editor", ["growth"], "growth-editor"), { id: finding.id, reason: "not ours to fix", days: 7 }),
    ).rejects.toThrow(/not in it|may not/);
    await expect(acknowledgeFinding(testActor("editor", [team]), { id: finding.id, reason: "no", days: 7 })).rejects.toThrow(/say why/);
    await acknowledgeFinding(testActor("editor", [team], "fulfilment-editor"), {
      id: finding.id,
      reason: "legacy consumers move next sprint",
      days: 14,
    });
    const after = (await ours()).find((f) => f.id === finding.id)!;
    expect(after).toMatchObject({ acknowledged: true, ackBy: "fulfilment-editor", ackReason: "legacy consumers move next sprint" });
    const audit = await db.auditEntry.findFirst({ where: { action: "finding.acknowledge", team }, orderBy: { at: "desc" } });
    expect(audit?.actorName).toBe("fulfilment-editor");
    const score = (await scorecardSummary()).teams.find((t) => t.team === team)!;
    expect(score).toMatchObject({ errors: 0, warnings: 2, acknowledged: 1 });
    // Fifteen days on, the acknowledgement has expired: the finding counts again.
    const later = new Date(Date.now() + 15 * 24 * 3600 * 1000);
    expect((await ours({}, later)).find((f) => f.id === finding.id)).toMatchObject({ acknowledged: false });
  });

  it("fires a 'scorecard finding' alert rule for the team's open findings, and resolves it when acknowledged", async () => {
    setFindingSource(() => openFindingsForAlerts());
    // Its own webhook: a rule with none notifies every endpoint, other files' receivers included.
    const hook = await createEndpoint(testAdmin, { name: uniqueName("sc-hook"), url: "http://127.0.0.1:9/never" });
    const rule = await createRule(testAdmin, {
      name: uniqueName("sc-findings"),
      kind: "scorecard_finding",
      threshold: 1,
      target: "observability.*",
      ownerTeam: team,
      endpointIds: [hook.id],
    });
    onTestFinished(async () => {
      setFindingSource(null);
      await deleteRule(testAdmin, rule.id);
      await deleteEndpoint(testAdmin, hook.id);
    });
    const evaluate = () => evaluateRules({ externalUrl: "http://eventplane.test", lag: { minIdleMs: 1_000 } });
    await evaluate();
    const alerts = await db.alert.findMany({ where: { ruleId: rule.id } });
    expect(alerts.map((a) => [a.state, (a.labels as Record<string, string>).check])).toEqual([["firing", "observability.unwatchedGroup"]]);
    const finding = (await ours()).find((f) => f.check === "observability.unwatchedGroup")!;
    await acknowledgeFinding(testAdmin, { id: finding.id, reason: "watched by the team's own dashboards", days: 3 });
    await evaluate();
    expect((await db.alert.findFirstOrThrow({ where: { ruleId: rule.id } })).state).toBe("inactive");
    const history = await db.alertEvent.findMany({ where: { alert: { ruleId: rule.id } }, orderBy: { at: "asc" } });
    expect(history.map((e) => e.state)).toEqual(["firing", "resolved"]);
    await withdrawAcknowledgement(testAdmin, finding.id);
  });

  it("compares with a week ago on the pass's clock, and a second worker's pass right after is skipped", async () => {
    const nextWeek = new Date(Date.now() + 8 * 24 * 3600 * 1000);
    await runScorecardPass({ now: nextWeek });
    const score = (await scorecardSummary(nextWeek)).teams.find((t) => t.team === team)!;
    // The three open findings were there a week before "now", and nothing new came: the trend is flat.
    expect(score).toMatchObject({ weekAgo: 3, trend: 0 });
    expect(await runScorecardPass({ now: new Date(nextWeek.getTime() + 1_000), minIntervalMs: 60_000 })).toMatchObject({ ran: false });
  });

  it("runs a pass on demand for admins only, audited with what it found", async () => {
    await expect(runPassNow(testActor("editor", [team]))).rejects.toThrow(/only admins/);
    const pass = await runPassNow(testAdmin);
    expect(pass.ran).toBe(true);
    const entry = await db.auditEntry.findFirstOrThrow({ where: { action: "scorecard.run" }, orderBy: { at: "desc" } });
    expect(entry).toMatchObject({ actorName: testAdmin.name, after: { opened: pass.opened, resolved: pass.resolved, open: pass.open } });
  });
});

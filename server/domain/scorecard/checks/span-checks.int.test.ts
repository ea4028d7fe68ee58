// The checks that read consumers' spans and the catalog, on a real Kafka with real consumers whose
// process spans go through the OpenTelemetry SDK's OTLP exporter into Eventplane's receiver (written the
// way the kafkajs instrumentation writes them). A handler that throws on its first try makes kafkajs
// deliver the record again: a record processed twice, by a consumer with or without a dead-letter topic.
// A consumer that sends no spans is dark; a topic whose records pile onto one partition is hot.
import { SpanKind } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncCluster } from "@/collectors/catalog-sync/sync-cluster";
import { db } from "@/server/db";
import { handleOtlpTraces } from "@/server/http/otlp/handle";
import { declareEdge, updateService } from "@/server/domain/lineage";
import { currentPolicy, setPolicy } from "@/server/domain/policies";
import { testAdmin } from "@/test/actors";
import { createTestCluster } from "@/test/catalog-helpers";
import { commitOffsets, createTopic, produce, startConsumer, testKafka, uniqueName } from "@/test/kafka-helpers";
import { serveHandler } from "@/test/serve-handler";
import { createTestToken } from "@/test/tokens";
import { listFindings, runScorecardPass } from "..";

const team = uniqueName("sc-spans");
const failing = uniqueName("sc-fail");
const guarded = uniqueName("sc-guarded");
const hot = uniqueName("sc-hot");
const even = uniqueName("sc-even");
const badName = uniqueName("SC_Bad_Name");
const tracedGroup = uniqueName("sc-traced");
const guardedGroup = uniqueName("sc-guarded-g");
const darkGroup = uniqueName("sc-dark");
const readerGroup = uniqueName("sc-reader");
const ghost = uniqueName("sc-ghost-svc");
const orphan = uniqueName("sc-orphan");
const UNDER_TEST = [
  "observability.untracedGroup",
  "observability.untracedService",
  "duplicates.reprocessed",
  "deadLetters.noPath",
  "ordering.hotPartition",
  "naming.topic",
  "schemas.uncheckedVersion",
];

let previous: Awaited<ReturnType<typeof currentPolicy>>["document"];
const stops: (() => Promise<unknown>)[] = [];

/** A consumer whose every delivery is a process span sent over OTLP; the first try at offset 0 throws. */
async function tracedConsumer(groupId: string, topic: string, otlpUrl: string, headers: Record<string, string>) {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": `${groupId}-svc` }),
    spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: otlpUrl, headers }))],
  });
  const tracer = provider.getTracer("scorecard-test");
  const consumer = testKafka().consumer({ groupId, retry: { initialRetryTime: 100, retries: 5 } });
  let processed = 0;
  let failedOnce = false;
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const span = tracer.startSpan(`process ${topic}`, {
        kind: SpanKind.CONSUMER,
        attributes: {
          "messaging.system": "kafka",
          "messaging.operation.type": "process",
          "messaging.destination.name": topic,
          "messaging.consumer.group.name": groupId,
          "messaging.destination.partition.id": String(partition),
          "messaging.kafka.offset": Number(message.offset),
        },
      });
      try {
        if (message.offset === "0" && !failedOnce) {
          failedOnce = true;
          throw new Error("downstream timed out");
        }
        processed++;
      } catch (e) {
        span.setStatus({ code: 2, message: (e as Error).message });
        throw e;
      } finally {
        span.end();
      }
    },
  });
  stops.push(async () => {
    await consumer.disconnect();
    await provider.shutdown();
  });
  return { processed: () => processed, flush: () => provider.forceFlush() };
}

async function until(what: string, probe: () => Promise<boolean> | boolean, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const ours = async () =>
  (await listFindings({ limit: 200, team })).items
    .filter((f) => UNDER_TEST.includes(f.check))
    .map((f) => ({ ...f, target: f.targetKey.slice(f.targetKey.indexOf("/") + 1) }));

beforeAll(async () => {
  previous = (await currentPolicy()).document;
  const otlp = await serveHandler(handleOtlpTraces);
  stops.push(otlp.close);
  const token = await createTestToken(["otlp:write"], "viewer");
  for (const [name, partitions] of [
    [failing, 1],
    [guarded, 1],
    [`${guarded}.DLQ`, 1],
    [hot, 4],
    [even, 4],
    [badName, 1],
    [orphan, 1],
  ] as const)
    await createTopic(name, partitions);
  // Someone reads the two four-partition topics (end offsets are sampled for consumed topics).
  for (const t of [hot, even]) await commitOffsets(readerGroup, t, { 0: 0, 1: 0, 2: 0, 3: 0 });
  const traced = await tracedConsumer(tracedGroup, failing, `${otlp.url}/v1/traces`, token.bearer);
  const guard = await tracedConsumer(guardedGroup, guarded, `${otlp.url}/v1/traces`, token.bearer);
  const dark = await startConsumer(darkGroup, failing);
  stops.push(dark.stop);

  const cluster = await createTestCluster();
  const members = async (groupId: string) =>
    (await db.consumerGroup.findFirst({ where: { clusterId: cluster.id, groupId } }))?.memberCount ?? 0;
  // A first sync once the three consumers have joined: the baseline of every partition's end offset.
  await until("the consumers joined", async () => {
    await syncCluster(cluster, { withConfigs: false });
    return (await members(tracedGroup)) > 0 && (await members(guardedGroup)) > 0 && (await members(darkGroup)) > 0;
  });
  await produce(failing, { 0: 5 });
  await produce(guarded, { 0: 5 });
  await produce(hot, { 0: 300, 1: 20, 2: 20, 3: 20 });
  await produce(even, { 0: 90, 1: 90, 2: 90, 3: 90 });
  await until("every record processed", () => traced.processed() === 5 && guard.processed() === 5 && dark.seen() === 5);
  await traced.flush();
  await guard.flush();
  await syncCluster(cluster, { withConfigs: false });
  await db.topic.updateMany({
    where: { clusterId: cluster.id, name: { in: [failing, guarded, hot, even, badName] } },
    data: { ownerTeam: team },
  });

  // Two declared services: one whose consumer spans arrive, one that never sent any.
  for (const service of [ghost, `${tracedGroup}-svc`]) {
    await updateService(testAdmin, { name: service, ownerTeam: team, description: null });
    await declareEdge(testAdmin, { service, direction: "consumes", topic: failing });
  }

  await setPolicy(testAdmin, {
    topics: { namePattern: "[a-z0-9._-]+" },
    checks: { hotPartitions: { minRecords: 100 }, unregisteredPayloads: { severity: "off" } },
    overrides: [
      { teams: [team], severities: { "ordering.hotPartition": "error" }, reason: "this team's keys must spread" },
      { names: `${guarded}.*`, severities: { "duplicates.reprocessed": "off" }, reason: "its handler is idempotent" },
    ],
  });
}, 180_000);

afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  await setPolicy(testAdmin, previous);
});

describe("span and catalog checks", () => {
  it("finds the dark consumer, the record processed twice without a dead-letter path, the hot partition and the badly named topic", async () => {
    const pass = await runScorecardPass();
    expect(pass).toMatchObject({ ran: true, failed: [] });
    const found = await ours();
    expect(found.map((f) => [f.check, f.target, f.detail]).sort()).toEqual(
      [
        ["observability.untracedGroup", darkGroup, ""],
        ["observability.untracedService", ghost, ""],
        ["duplicates.reprocessed", tracedGroup, failing],
        ["deadLetters.noPath", tracedGroup, ""],
        ["ordering.hotPartition", hot, ""],
        ["naming.topic", badName, ""],
      ].sort(),
    );
    const twice = found.find((f) => f.check === "duplicates.reprocessed")!;
    const examples = (twice.evidence as { examples: { partition: number; offset: string; times: number; traceIds: string[] }[] }).examples;
    expect(examples).toEqual([{ partition: 0, offset: "0", times: 2, traceIds: expect.any(Array) }]);
    expect(examples[0]!.traceIds).toHaveLength(2);
    const noPath = found.find((f) => f.check === "deadLetters.noPath")!;
    expect(noPath.evidence).toMatchObject({ failed: 1, total: 6, services: [`${tracedGroup}-svc`] });
    expect((noPath.evidence as { examples: { message: string }[] }).examples[0]!.message).toBe("downstream timed out");
    const skew = found.find((f) => f.check === "ordering.hotPartition")!;
    // The team's override makes it an error; partition 0 took 300 of 360 records.
    expect(skew).toMatchObject({ severity: "error", message: expect.stringContaining("partition 0") });
    expect(skew.evidence).toMatchObject({
      total: 360,
      partitions: [{ partition: 0, records: 300 }, { partition: 1, records: 20 }, {}, {}],
    });
    expect(found.find((f) => f.check === "observability.untracedGroup")!.evidence).toMatchObject({ groupId: darkGroup, members: 1 });
  });

  it("resolves the naming finding when the pattern allows the name, and drops a check an override turns off", async () => {
    const policy = (await currentPolicy()).document;
    await setPolicy(testAdmin, {
      ...policy,
      topics: { namePattern: "[A-Za-z0-9._-]+" },
      overrides: [...policy.overrides, { teams: [team], severities: { "observability.untracedGroup": "off" } }],
    });
    const pass = await runScorecardPass();
    expect(pass.failed).toEqual([]);
    const checks = (await ours()).map((f) => f.check).sort();
    expect(checks).toEqual(["deadLetters.noPath", "duplicates.reprocessed", "observability.untracedService", "ordering.hotPartition"]);
  });

  it("names topics without an owner team when the policy asks, and not the owned ones", async () => {
    const policy = (await currentPolicy()).document;
    await setPolicy(testAdmin, { ...policy, checks: { ...policy.checks, owners: { severity: "warning" } } });
    expect((await runScorecardPass()).failed).toEqual([]);
    const owners = async (search: string) =>
      (await listFindings({ limit: 50, search, state: "open" })).items.filter((f) => f.check.startsWith("ownership."));
    expect((await owners(orphan)).map((f) => [f.check, f.targetLabel.split(" / ")[1], f.team])).toEqual([
      ["ownership.topic", orphan, null],
    ]);
    expect(await owners(failing)).toEqual([]);
    expect(await owners(ghost)).toEqual([]);
  });
});

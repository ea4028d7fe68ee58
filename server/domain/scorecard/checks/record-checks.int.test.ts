// The record checks on a real Kafka: a topic that commits the sins (keyless records of one aggregate
// on three partitions, the same event id twice, plain JSON without a schema or the envelope, one
// record over the size limit) is found with evidence that points at the records; a well-behaved topic
// (keyed, Avro with the envelope through the registry, unique ids) is not. A JetStream stream is sampled
// by sequence the same way: its repeated event id is found, its subjects are not taken for keys.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncCluster } from "@/collectors/catalog-sync/sync-cluster";
import { currentPolicy, setPolicy } from "@/server/domain/policies";
import { encodeWithSubject, registerSchema } from "@/server/domain/schemas";
import { testAdmin } from "@/test/actors";
import { createTestCluster } from "@/test/catalog-helpers";
import { addCluster, listClusterTargets } from "@/server/domain/connections";
import { createTopic, testKafka, uniqueName } from "@/test/kafka-helpers";
import { natsUrl, withTestNats } from "@/test/nats";
import { listFindings, runScorecardPass } from "..";

const sinful = uniqueName("sc-sinful");
const tidy = uniqueName("sc-tidy");
const stream = uniqueName("SC_PICKS").replace(/[^A-Za-z0-9_-]/g, "_");
let natsId = "";
let clusterId = "";
let previous: Awaited<ReturnType<typeof currentPolicy>>["document"];

const ENVELOPE = ["event_id", "timestamp", "version", "aggregate_id", "correlation_id"];

beforeAll(async () => {
  previous = (await currentPolicy()).document;
  // Every topic of the shared test broker is sampled (other files' too), so this file's are in reach.
  await setPolicy(testAdmin, {
    checks: { largePayloads: { maxBytes: 64 * 1024 }, sampling: { maxTopics: 100_000, recordsPerPartition: 50 } },
  });
  await createTopic(sinful, 3);
  await createTopic(tidy, 3);
  const producer = testKafka().producer();
  await producer.connect();
  // Sinful: no keys, an aggregate id in every value, one event id sent twice, no envelope but that.
  // Typed as a command ("PlaceOrder"), too.
  const events = Array.from({ length: 30 }, (_, i) => ({ event_id: `evt-${i}`, event_type: "PlaceOrder", aggregate_id: `order-${i % 4}` }));
  events.push({ event_id: "evt-7", event_type: "PlaceOrder", aggregate_id: "order-3" });
  await producer.send({ topic: sinful, messages: events.map((e, i) => ({ partition: i % 3, value: JSON.stringify(e) })) });
  await producer.send({
    topic: sinful,
    messages: [{ partition: 1, value: JSON.stringify({ event_id: "evt-big", blob: "x".repeat(100 * 1024) }) }],
  });

  // Tidy: keyed by aggregate, Avro with the envelope, registered under the topic's value subject.
  const schema = {
    type: "record",
    name: "OrderPlaced",
    namespace: "shop",
    fields: [...ENVELOPE.map((name) => ({ name, type: "string" })), { name: "total", type: "double" }],
  };
  await registerSchema(`${tidy}-value`, { schema: JSON.stringify(schema) }, { actor: testAdmin });
  const messages = [];
  for (let i = 0; i < 30; i++) {
    const value = {
      event_id: `t-${i}`,
      timestamp: String(i),
      version: "1",
      aggregate_id: `order-${i % 4}`,
      correlation_id: `c-${i}`,
      total: i,
    };
    messages.push({ key: value.aggregate_id, value: (await encodeWithSubject(`${tidy}-value`, value)).bytes });
  }
  await producer.send({ topic: tidy, messages });
  await producer.disconnect();
  const cluster = await createTestCluster();
  clusterId = cluster.id;
  await syncCluster(cluster, { withConfigs: true });

  // JetStream: ten picks with the full envelope, one of them published twice.
  const { id } = await addCluster(testAdmin, { name: uniqueName("sc-nats"), kind: "nats", bootstrapServers: natsUrl() });
  natsId = id;
  await withTestNats(async ({ js, jsm }) => {
    await jsm.streams.add({ name: stream, subjects: [`${stream}.>`] });
    for (const i of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 4]) {
      const pick = { event_id: `pick-${i}`, timestamp: "1", version: "1", aggregate_id: `order-${i}`, correlation_id: `c-${i}` };
      await js.publish(`${stream}.pick`, new TextEncoder().encode(JSON.stringify(pick)));
    }
  });
  await syncCluster(
    (await listClusterTargets()).find((t) => t.id === id)!,
    { withConfigs: true },
  );
}, 120_000);

afterAll(async () => {
  await setPolicy(testAdmin, previous);
});

describe("record checks", () => {
  it("finds each sin on the sinful topic with the records that show it, and nothing on the tidy one", async () => {
    const pass = await runScorecardPass();
    // Every check ran; other files' topics (some deleted meanwhile) may leave problems, but not ours.
    expect(pass.failed).toEqual([]);
    expect(pass.problems.filter((p) => p.includes(sinful) || p.includes(tidy))).toEqual([]);
    expect(pass.coverage.recordsSampled).toBeGreaterThanOrEqual(62);
    // Other files' topics have findings of their own: ask for these two topics by name.
    const of = async (topic: string) =>
      (await listFindings({ targetType: "topic", search: topic, limit: 200 })).items.filter((f) => f.targetKey === `${clusterId}/${topic}`);
    expect(await of(tidy)).toEqual([]);
    const ofSinful = await of(sinful);
    expect(ofSinful.map((f) => `${f.check}${f.detail ? ` ${f.detail}` : ""}`).sort()).toEqual(
      [
        "records.duplicates",
        "records.envelope correlation_id",
        "records.envelope timestamp",
        "records.envelope version",
        "records.eventNames PlaceOrder",
        "records.keylessOrdering",
        "records.largePayloads",
        "records.unregistered",
      ].sort(),
    );
    const by = (check: string) => ofSinful.find((f) => f.check === check)!.evidence as Record<string, unknown>;
    expect(by("records.keylessOrdering")).toMatchObject({
      sampled: 32,
      keyless: 32,
      withAggregate: 31,
      field: "aggregate_id",
      partitions: 3,
    });
    // evt-7 was sent as the 8th record (partition 1) and again as the 31st (partition 0).
    expect(by("records.duplicates")).toMatchObject({
      duplicatedIds: 1,
      extraCopies: 1,
      examples: [
        {
          occurrences: expect.arrayContaining([
            { partition: 1, offset: "2" },
            { partition: 0, offset: "10" },
          ]),
        },
      ],
    });
    expect(by("records.largePayloads")).toMatchObject({
      over: 1,
      largest: [{ partition: 1, offset: "10" }, expect.anything(), expect.anything()],
    });
    expect(ofSinful.find((f) => f.check === "records.keylessOrdering")!.message).toContain("spread over 3 partitions");

    const ofStream = (await listFindings({ targetType: "topic", search: stream, limit: 50 })).items.filter(
      (f) => f.targetKey === `${natsId}/${stream}`,
    );
    // The stream's values are JSON without a registered schema, which that check reports; the rest is the repeat.
    expect(ofStream.map((f) => f.check).sort()).toEqual(["records.duplicates", "records.unregistered"]);
    expect(ofStream.find((f) => f.check === "records.duplicates")!.evidence).toMatchObject({
      sampled: 11,
      duplicatedIds: 1,
      examples: [
        {
          occurrences: [
            { partition: 0, offset: "5" },
            { partition: 0, offset: "11" },
          ],
        },
      ],
    });
  });
});

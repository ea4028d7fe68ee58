// Redrive produces where a DLQ record's headers point, and anyone who can write to the DLQ writes
// those headers: the target must be a catalogued, non-internal, non-DLQ topic of the cluster that the
// actor may produce into. And a produce the broker refused leaves nothing marked as redriven.
import { beforeAll, describe, expect, it } from "vitest";
import { syncCluster } from "@/collectors/catalog-sync/sync-cluster";
import { db } from "@/server/db";
import { testActor } from "@/test/actors";
import { createTestCluster } from "@/test/catalog-helpers";
import { createTopic, deleteTopic, testKafka, uniqueName } from "@/test/kafka-helpers";
import { redrive } from "./redrive";

const ours = uniqueName("payments");
const theirs = uniqueName("growth-events");
const dlq = `${ours}.DLQ`;
const editor = testActor("editor", ["payments"], "payments-editor");
let topicId = "";
let cluster: Awaited<ReturnType<typeof createTestCluster>>;

const failed = (original: string) => ({ value: "{}", headers: { "kafka_dlt-original-topic": original, "kafka_dlt-exception-fqcn": "E" } });

beforeAll(async () => {
  for (const t of [ours, theirs, dlq]) await createTopic(t, 1);
  const producer = testKafka().producer();
  await producer.connect();
  await producer.send({
    topic: dlq,
    messages: [failed(ours), failed(theirs), failed("__consumer_offsets"), failed("no-such-topic"), failed(dlq), failed(ours)],
  });
  await producer.disconnect();
  cluster = await createTestCluster();
  await syncCluster(cluster, { withConfigs: false });
  const owner = (name: string, team: string) => db.topic.updateMany({ where: { clusterId: cluster.id, name }, data: { ownerTeam: team } });
  await owner(ours, "payments");
  await owner(dlq, "payments");
  await owner(theirs, "growth");
  topicId = (await db.topic.findFirstOrThrow({ where: { clusterId: cluster.id, name: dlq } })).id;
});

const all = [0, 1, 2, 3, 4].map((o) => ({ partition: 0, offset: String(o) }));

describe("redrive targets", () => {
  it("are only topics the actor may produce into, never internal ones, DLQs or names the catalog does not know", async () => {
    const plan = (await redrive({ topicId, records: all, dryRun: true }, editor)).plan;
    expect(plan.map((p) => [p.targetTopic, p.skipped])).toEqual([
      [ours, null],
      [theirs, expect.stringContaining(`may not produce into "${theirs}" (owner: growth)`)],
      // Internal topics are refused whether or not the catalog lists them.
      ["__consumer_offsets", expect.stringMatching(/is internal|is not a topic of/)],
      ["no-such-topic", expect.stringContaining("is not a topic of")],
      [dlq, "its original topic is this DLQ"],
    ]);
  });

  it("need the DLQ's records readable by the actor", async () => {
    await expect(redrive({ topicId, records: all, dryRun: true }, testActor("editor", ["growth"]))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(redrive({ topicId, records: all, dryRun: true }, testActor("viewer", []))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("a redrive the broker refuses", () => {
  it("marks nothing as redriven, so the same records can be sent once the target is back", async () => {
    const record = [{ partition: 0, offset: "5" }];
    // The target disappears from the broker (the catalog still lists it): the produce really fails.
    await deleteTopic(ours);
    await expect(redrive({ topicId, records: record, dryRun: false }, editor)).rejects.toMatchObject({
      code: "CLUSTER_UNREACHABLE",
      message: expect.stringContaining("nothing was marked as redriven"),
    });
    expect(await db.redrive.count({ where: { dlqTopicId: topicId } })).toBe(0);

    await createTopic(ours, 1);
    const again = await redrive({ topicId, records: record, dryRun: false }, editor);
    expect(again.sent).toBe(1);
    expect(await db.redrive.findMany({ where: { dlqTopicId: topicId } })).toEqual([
      expect.objectContaining({ status: "sent", offset: 5n }),
    ]);
    const audit = await db.auditEntry.findFirst({ where: { action: "dead-letters.redrive", targetId: `${cluster.id}/${ours}` } });
    expect(audit).toMatchObject({ actorName: "payments-editor", team: "payments" });
  });
});

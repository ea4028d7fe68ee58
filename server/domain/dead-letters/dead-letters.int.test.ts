// Dead letters on the real broker: Spring-style records in a DLQ are read back with their failure
// normalised and grouped by exception class; a redrive dry run plans without sending; the real one
// sends each record back to its original topic without the failure headers and with x-redrive-*
// headers, and the same record is never sent twice.
import { beforeAll, describe, expect, it } from "vitest";
import { syncCluster } from "@/collectors/catalog-sync/sync-cluster";
import { db } from "@/server/db";
import { createTestCluster } from "@/test/catalog-helpers";
import { createTopic, testKafka, uniqueName } from "@/test/kafka-helpers";
import { readDeadLetters } from "./read-dead-letters";
import { redrive } from "./redrive";
import { int32, int64 } from "@/test/binary";
import { testActor, testAdmin } from "@/test/actors";

const original = uniqueName("payments");
const dlq = `${original}.DLQ`;
const failure = (offset: number, fqcn: string, message: string) => ({
  key: `order-${offset}`,
  value: JSON.stringify({ order: offset }),
  headers: {
    "kafka_dlt-original-topic": original,
    "kafka_dlt-original-partition": int32(0),
    "kafka_dlt-original-offset": int64(BigInt(offset)),
    "kafka_dlt-original-consumer-group": "billing",
    "kafka_dlt-exception-fqcn": fqcn,
    "kafka_dlt-exception-message": message,
    traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
  },
});
let topicId = "";

beforeAll(async () => {
  await createTopic(original, 1);
  await createTopic(dlq, 1);
  const producer = testKafka().producer();
  await producer.connect();
  await producer.send({
    topic: dlq,
    messages: [
      failure(10, "com.shop.PaymentDeclinedException", "card declined"),
      failure(11, "com.shop.PaymentDeclinedException", "card declined again"),
      failure(12, "java.lang.IllegalArgumentException", "amount must be positive"),
      { key: "stray", value: "no headers at all" },
    ],
  });
  await producer.disconnect();
  const cluster = await createTestCluster();
  await syncCluster(cluster, { withConfigs: false });
  topicId = (await db.topic.findFirstOrThrow({ where: { clusterId: cluster.id, name: dlq } })).id;
});

describe("dead letters", () => {
  it("reads the newest records with their failure normalised, grouped by exception class", async () => {
    const d = await readDeadLetters(testAdmin, topicId);
    expect(d.topic).toMatchObject({ name: dlq, depth: 4 });
    expect(d.classes.map((c) => [c.exceptionClass, c.count])).toEqual([
      ["com.shop.PaymentDeclinedException", 2],
      ["(no exception header)", 1],
      ["java.lang.IllegalArgumentException", 1],
    ]);
    const declined = d.records.find((r) => r.offset === "0")!;
    expect(declined).toMatchObject({
      family: "spring",
      originalTopic: original,
      originalPartition: 0,
      originalOffset: "10",
      consumerGroup: "billing",
      key: "order-10",
      redrive: null,
    });
  });

  it("plans a redrive, sends each record back once, and refuses to send it again", async () => {
    const records = [
      { partition: 0, offset: "0" },
      { partition: 0, offset: "2" },
      { partition: 0, offset: "3" },
    ];
    const dry = await redrive({ topicId, records, dryRun: true }, testAdmin);
    expect(dry.plan).toEqual([
      { partition: 0, offset: "0", targetTopic: original, skipped: null },
      { partition: 0, offset: "2", targetTopic: original, skipped: null },
      { partition: 0, offset: "3", targetTopic: null, skipped: "no original topic in its headers" },
    ]);
    expect(await db.redrive.count({ where: { dlqTopicId: topicId } })).toBe(0);

    const real = await redrive({ topicId, records, dryRun: false }, testAdmin);
    expect(real.sent).toBe(2);
    const consumer = testKafka().consumer({ groupId: uniqueName("check-redrive") });
    await consumer.connect();
    await consumer.subscribe({ topic: original, fromBeginning: true });
    const got: { key: string; headers: Record<string, string> }[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          got.push({
            key: message.key!.toString(),
            headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          });
          if (got.length === 2) resolve();
        },
      });
    });
    await consumer.disconnect();
    expect(got.map((g) => g.key).sort()).toEqual(["order-10", "order-12"]);
    for (const g of got) {
      expect(Object.keys(g.headers).filter((h) => h.startsWith("kafka_dlt-"))).toEqual([]);
      expect(g.headers).toMatchObject({ "x-redrive-by": "test", traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" });
      expect(g.headers["x-redrive-id"]).toMatch(new RegExp(`^${dlq.replace(/\./g, "\\.")}/0/[02]$`));
    }
    const again = await redrive(
      { topicId, records: [{ partition: 0, offset: "0" }], dryRun: false },
      testActor("admin", [], "someone-else"),
    );
    expect(again.sent).toBe(0);
    expect(again.plan[0]!.skipped).toMatch(/^already redriven .* by test$/);
    expect((await readDeadLetters(testAdmin, topicId)).records.find((r) => r.offset === "0")!.redrive).toMatchObject({
      status: "sent",
      targetTopic: original,
      actor: "test",
    });
  });
});

// "Open the record" against the real broker: a Confluent-framed Avro record written with a traceparent
// header is read back by topic/partition/offset, decoded with the schema from our registry, and its
// trace found; an offset outside the log is answered at once, not after a timeout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import avro from "avsc";
import { syncCluster } from "@/collectors/catalog-sync/sync-cluster";
import { registerSchema } from "@/server/domain/schemas";
import { createTestCluster } from "@/test/catalog-helpers";
import { createTopic, testKafka, uniqueName } from "@/test/kafka-helpers";
import { parseTraceparent } from "./present-record";
import { readTopicRecord } from "./read-record";
import { testAdmin } from "@/test/actors";

const topic = uniqueName("record-orders");
const schema = {
  type: "record",
  name: "OrderPlaced",
  fields: [
    { name: "order_id", type: "string" },
    { name: "total", type: "double" },
  ],
};
const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
let clusterId = "";
const producer = testKafka().producer();

beforeAll(async () => {
  await createTopic(topic, 2);
  const { id } = await registerSchema(`${topic}-value`, { schema: JSON.stringify(schema) }, { actor: testAdmin });
  const header = Buffer.alloc(5);
  header.writeUInt32BE(id, 1);
  await producer.connect();
  await producer.send({
    topic,
    messages: [
      { partition: 1, key: "o-1", value: "plain text first" },
      {
        partition: 1,
        key: "o-2",
        value: Buffer.concat([header, avro.Type.forSchema(schema as avro.Schema).toBuffer({ order_id: "o-2", total: 12.5 })]),
        headers: { traceparent },
      },
    ],
  });
  const cluster = await createTestCluster();
  clusterId = cluster.id;
  await syncCluster(cluster, { withConfigs: false });
});
afterAll(() => producer.disconnect());

describe("readTopicRecord", () => {
  it("decodes a Confluent-framed Avro record and links its trace", async () => {
    const r = await readTopicRecord(testAdmin, { topic, partition: 1, offset: "1", clusterId });
    expect(r.value).toMatchObject({
      kind: "schema",
      schemaType: "AVRO",
      json: { order_id: "o-2", total: 12.5 },
      subject: `${topic}-value`,
    });
    expect(r.key).toEqual({ kind: "text", text: "o-2" });
    expect(r.headers).toEqual([{ name: "traceparent", value: traceparent }]);
    expect(r.trace).toEqual({ traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7" });
    const plain = await readTopicRecord(testAdmin, { topic, partition: 1, offset: "0", clusterId });
    expect([plain.value, plain.trace]).toEqual([{ kind: "text", text: "plain text first" }, null]);
  });

  it("answers an offset outside the log from the partition's offsets, without fetching", async () => {
    // Partition 0 is empty (offsets 0 to -1); a fetch would have ended in "Timed out" instead.
    await expect(readTopicRecord(testAdmin, { topic, partition: 0, offset: "0", clusterId })).rejects.toThrow("is not in the log of");
    await expect(readTopicRecord(testAdmin, { topic, partition: 1, offset: "2", clusterId })).rejects.toThrow("which holds offsets 0 to 1");
    await expect(readTopicRecord(testAdmin, { topic: uniqueName("nope"), partition: 0, offset: "0" })).rejects.toThrow(
      /not in the catalog/,
    );
  });

  it("reads W3C traceparent headers strictly", () => {
    expect(parseTraceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01")).toEqual({
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      spanId: "00f067aa0ba902b7",
    });
    expect(parseTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).toBeNull();
    expect(parseTraceparent("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).toBeNull();
    expect(parseTraceparent("garbage")).toBeNull();
  });
});

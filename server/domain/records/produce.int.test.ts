// Producing on a real Kafka: values encoded with Avro, JSON Schema and Protobuf subjects are read back
// by @kafkajs/confluent-schema-registry's own decoder (what a real consumer uses), values that do not
// fit are refused with where and why, a JSONL batch is all or nothing after its dry run, and only the
// topic's team may produce (audited).
import { SchemaRegistry } from "@kafkajs/confluent-schema-registry";
import { beforeAll, describe, expect, it } from "vitest";
import { syncCluster } from "@/collectors/catalog-sync/sync-cluster";
import { db } from "@/server/db";
import { registerSchema } from "@/server/domain/schemas";
import { testActor, testAdmin } from "@/test/actors";
import { createTestCluster } from "@/test/catalog-helpers";
import { openKafkaReader } from "@/server/brokers/kafka/fetch-range";
import { createTopic, testBrokers, uniqueName } from "@/test/kafka-helpers";
import { useRegistryServer } from "@/test/registry-server";
import { produceMessage, produceMessages } from "./produce";
import { searchTopic } from "./search-topic";

const registryServer = useRegistryServer();
const topic = uniqueName("shipments");
const editor = testActor("editor", ["logistics"], "logistics-editor");
let topicId = "";

beforeAll(async () => {
  await createTopic(topic, 2);
  await registerSchema(
    `${topic}-value`,
    {
      schema: JSON.stringify({
        type: "record",
        name: "Shipped",
        fields: [
          { name: "order_id", type: "string" },
          { name: "parcels", type: "int" },
          { name: "note", type: ["null", "string"], default: null },
        ],
      }),
    },
    { actor: testAdmin },
  );
  await registerSchema(
    `${topic}-json`,
    { schemaType: "JSON", schema: JSON.stringify({ type: "object", properties: { sku: { type: "string" } }, required: ["sku"] }) },
    { actor: testAdmin },
  );
  await registerSchema(
    `${topic}-proto`,
    {
      schemaType: "PROTOBUF",
      schema:
        'syntax = "proto3";\npackage logistics;\nmessage Parcel { string id = 1; int32 grams = 2; }\nmessage Label { string text = 1; }\n',
    },
    { actor: testAdmin },
  );
  const cluster = await createTestCluster();
  await syncCluster(cluster, { withConfigs: false });
  topicId = (await db.topic.findFirstOrThrow({ where: { clusterId: cluster.id, name: topic } })).id;
  await db.topic.update({ where: { id: topicId }, data: { ownerTeam: "logistics" } });
});

/** The raw bytes of the record at partition/offset, as Kafka holds them. */
async function rawValueAt(partition: number, offset: string): Promise<Buffer> {
  const reader = await openKafkaReader({ bootstrapServers: testBrokers().split(","), clientId: "produce-test", tls: false }, topic);
  try {
    const { records } = await reader.read(partition, BigInt(offset), 1024 * 1024);
    return records[0]!.value!;
  } finally {
    await reader.close();
  }
}

describe("producing", () => {
  it("encodes with Avro, JSON Schema and Protobuf subjects so that Confluent's decoder reads the values back", async () => {
    const registry = new SchemaRegistry({
      host: registryServer.base,
      auth: { username: registryServer.token.name, password: registryServer.token.secret },
    });
    const avro = await produceMessage(
      editor,
      { topicId },
      {
        key: "o-1",
        value: JSON.stringify({ order_id: "o-1", parcels: 2, note: { string: "fragile" } }),
        valueSubject: `${topic}-value`,
        headers: [{ name: "source", value: "console" }],
        partition: 1,
      },
    );
    expect(avro).toEqual({ partition: 1, offset: "0" });
    const json = await produceMessage(
      editor,
      { topicId },
      { key: null, value: '{"sku":"A-1"}', valueSubject: `${topic}-json`, partition: 0 },
    );
    const proto = await produceMessage(
      editor,
      { topicId },
      { key: "p-1", value: '{"id":"p-1","grams":1200}', valueSubject: `${topic}-proto`, partition: 0 },
    );
    // The second message of the file: written with its message-index path [1], as Confluent's Java
    // serializer writes it. (The JavaScript decoder below knows the first message's short form only.)
    const label = await produceMessage(
      editor,
      { topicId },
      {
        key: "p-2",
        value: '{"text":"FRAGILE"}',
        valueSubject: `${topic}-proto`,
        valueMessage: "logistics.Label",
        partition: 0,
      },
    );
    // Confluent's decoder, on the bytes as Kafka holds them.
    const read = async (at: { partition: number | null; offset: string | null }) =>
      registry.decode(await rawValueAt(at.partition!, at.offset!));
    expect(await read(avro)).toEqual({ order_id: "o-1", parcels: 2, note: "fragile" });
    expect(await read(json)).toEqual({ sku: "A-1" });
    expect(await read(proto)).toMatchObject({ id: "p-1", grams: 1200 });
    const labelRead = await searchTopic(testAdmin, {
      topicId,
      partition: 0,
      from: "offset",
      offset: label.offset!,
      direction: "oldest",
      limit: 1,
    });
    expect(labelRead.messages[0]!.value).toMatchObject({ kind: "schema", message: "logistics.Label", json: { text: "FRAGILE" } });
    const [found] = (await searchTopic(testAdmin, { topicId, partition: 1, limit: 1 })).messages;
    expect(found!.headers).toEqual([{ name: "source", value: "console" }]);
  });

  it("refuses a value that does not fit its schema, saying where, and sends nothing", async () => {
    await expect(
      produceMessage(editor, { topicId }, { value: JSON.stringify({ order_id: "o-2", parcels: "two" }), valueSubject: `${topic}-value` }),
    ).rejects.toThrow(/does not fit the schema of .*-value: parcels cannot be "two"/);
    await expect(produceMessage(editor, { topicId }, { value: "{}", valueSubject: `${topic}-json` })).rejects.toThrow(
      /must have required property 'sku'/,
    );
    await expect(produceMessage(editor, { topicId }, { value: "{not json", valueSubject: `${topic}-json` })).rejects.toThrow(/is not JSON/);
    await expect(produceMessage(editor, { topicId }, { value: "x", partition: 9 })).rejects.toThrow(
      "The topic has partitions 0 to 1, not 9",
    );
    await expect(produceMessage(editor, { topicId }, { value: "{}", valueSubject: "no-such-subject" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("sends a batch only when every line is valid, after a dry run that finds the bad ones", async () => {
    const lines = [
      { key: "b-1", value: '{"sku":"B-1"}', valueSubject: `${topic}-json`, partition: 0 },
      { key: "b-2", value: '{"nope":1}', valueSubject: `${topic}-json`, partition: 0 },
      { key: "b-3", value: "plain text", partition: 0 },
      {
        key: "b-4",
        value: JSON.stringify({ order_id: "o-4", parcels: 1, note: "plain union value" }),
        valueSubject: `${topic}-value`,
        partition: 1,
      },
    ];
    const dry = await produceMessages(editor, { topicId }, { messages: lines, dryRun: true });
    expect(dry).toMatchObject({ messages: 4, valid: 3, sent: 0, problems: [{ line: 2, error: expect.stringContaining("sku") }] });
    const refused = await produceMessages(editor, { topicId }, { messages: lines, dryRun: false });
    expect(refused.sent).toBe(0);
    const sent = await produceMessages(editor, { topicId }, { messages: [lines[0]!, lines[2]!], dryRun: false });
    expect(sent).toMatchObject({ sent: 2, problems: [] });
    const keys = (await searchTopic(testAdmin, { topicId, partition: 0, limit: 10 })).messages.map((m) =>
      m.key.kind === "text" ? m.key.text : null,
    );
    expect(keys).toContain("b-1");
    expect(keys).toContain("b-3");
    expect(keys).not.toContain("b-2");
  });

  it("is for the topic's team only, and audited without the payload", async () => {
    await expect(produceMessage(testActor("editor", ["growth"]), { topicId }, { value: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(produceMessage(testActor("viewer", ["logistics"]), { topicId }, { value: "x" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const entries = await db.auditEntry.findMany({ where: { action: "records.produce", targetId: { endsWith: `/${topic}` } } });
    expect(entries.length).toBeGreaterThanOrEqual(4);
    expect(entries.every((e) => e.actorName === "logistics-editor" && e.team === "logistics")).toBe(true);
    expect(JSON.stringify(entries.map((e) => e.after))).not.toContain("fragile");
  });
});

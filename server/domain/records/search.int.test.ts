// The message browser's search on a real Kafka: Avro, JSON Schema and Protobuf values decoded with
// their writer schemas from our registry and filtered by CEL; newest and oldest first; pages that
// continue where the last stopped; budgets of records and of time; cancellation; permissions.
import avro from "avsc";
import protobuf from "protobufjs";
import { beforeAll, describe, expect, it } from "vitest";
import { syncCluster } from "@/collectors/catalog-sync/sync-cluster";
import { db } from "@/server/db";
import { registerSchema } from "@/server/domain/schemas";
import { testActor, testAdmin } from "@/test/actors";
import { createTestCluster } from "@/test/catalog-helpers";
import { createTopic, testKafka, uniqueName } from "@/test/kafka-helpers";
import { searchTopic, tailTopic } from "./search-topic";

const topic = uniqueName("orders");
const orderSchema = {
  type: "record",
  name: "OrderPlaced",
  fields: [
    { name: "order_id", type: "string" },
    { name: "total", type: "double" },
  ],
};
const shipmentProto = `syntax = "proto3";
package shop;
message Shipment { string order_id = 1; int32 parcels = 2; }
message Return { string order_id = 1; }
`;
// Record times an hour ago, a second apart (Kafka refuses times far in the future).
const base = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
let topicId = "";
let clusterName = "";

const framed = (id: number, body: Buffer, indexes: Buffer = Buffer.alloc(0)) => {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(id, 1);
  return Buffer.concat([head, indexes, body]);
};

// 3 partitions × 40 records: per partition, order-<p>-<i> as Avro (i % 3 = 0), Protobuf (1) or JSON Schema (2).
beforeAll(async () => {
  await createTopic(topic, 3);
  const avroId = (await registerSchema(`${topic}-value`, { schema: JSON.stringify(orderSchema) }, { actor: testAdmin })).id;
  const protoId = (await registerSchema(`${topic}-shipments`, { schemaType: "PROTOBUF", schema: shipmentProto }, { actor: testAdmin })).id;
  const jsonId = (
    await registerSchema(
      `${topic}-json`,
      { schemaType: "JSON", schema: JSON.stringify({ type: "object", properties: { order_id: { type: "string" } } }) },
      { actor: testAdmin },
    )
  ).id;
  const avroType = avro.Type.forSchema(orderSchema as avro.Schema);
  const Shipment = protobuf.parse(shipmentProto, { keepCase: true }).root.lookupType("shop.Shipment");
  const producer = testKafka().producer();
  await producer.connect();
  for (let p = 0; p < 3; p++) {
    const messages = Array.from({ length: 40 }, (_, i) => {
      const id = `order-${p}-${i}`;
      const value =
        i % 3 === 0
          ? framed(avroId, avroType.toBuffer({ order_id: id, total: i * 10 + p }))
          : i % 3 === 1
            ? framed(protoId, Buffer.from(Shipment.encode(Shipment.create({ order_id: id, parcels: i })).finish()), Buffer.from([0]))
            : framed(jsonId, Buffer.from(JSON.stringify({ order_id: id, n: i })));
      return { partition: p, key: id, value, headers: { tenant: p === 1 ? "acme" : "globex" }, timestamp: String(base + i * 1000) };
    });
    await producer.send({ topic, messages });
  }
  await producer.disconnect();
  const cluster = await createTestCluster();
  clusterName = (await db.cluster.findUniqueOrThrow({ where: { id: cluster.id } })).name;
  await syncCluster(cluster, { withConfigs: false });
  topicId = (await db.topic.findFirstOrThrow({ where: { clusterId: cluster.id, name: topic } })).id;
  await db.topic.update({ where: { id: topicId }, data: { ownerTeam: "checkout" } });
});

const ids = (r: { messages: { key: unknown }[] }) => r.messages.map((m) => (m.key as { text: string }).text);

describe("searching a topic", () => {
  it("decodes Avro, Protobuf and JSON Schema values with their writer schemas, newest first", async () => {
    const r = await searchTopic(testAdmin, { topicId, limit: 6, partition: 2 });
    expect(ids(r)).toEqual(["order-2-39", "order-2-38", "order-2-37", "order-2-36", "order-2-35", "order-2-34"]);
    const byKey = new Map(r.messages.map((m) => [(m.key as { text: string }).text, m.value]));
    expect(byKey.get("order-2-39")).toMatchObject({ kind: "schema", schemaType: "AVRO", json: { order_id: "order-2-39", total: 392 } });
    expect(byKey.get("order-2-37")).toMatchObject({
      kind: "schema",
      schemaType: "PROTOBUF",
      message: "shop.Shipment",
      json: { order_id: "order-2-37", parcels: 37 },
    });
    expect(byKey.get("order-2-38")).toMatchObject({ kind: "schema", schemaType: "JSON", json: { order_id: "order-2-38", n: 38 } });
    expect(r).toMatchObject({ stoppedBy: "limit", scanned: 6, total: 40 });
    expect(r.cursor).toBeTruthy();
  });

  it("continues from its cursor without repeating or skipping a record", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const r = await searchTopic(testAdmin, { topicId, limit: 25, direction: "oldest", from: "earliest", cursor });
      seen.push(...ids(r));
      if (!r.cursor) {
        expect(r.stoppedBy).toBe("end");
        break;
      }
      cursor = r.cursor;
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
  });

  it("filters with CEL over decoded values, keys, headers and positions, across every partition", async () => {
    const avroOnly = await searchTopic(testAdmin, { topicId, filter: "value.total >= 300", limit: 100 });
    expect(ids(avroOnly).sort()).toEqual(
      [
        "order-0-30",
        "order-0-33",
        "order-0-36",
        "order-0-39",
        "order-1-30",
        "order-1-33",
        "order-1-36",
        "order-1-39",
        "order-2-30",
        "order-2-33",
        "order-2-36",
        "order-2-39",
      ].sort(),
    );
    expect(avroOnly).toMatchObject({ stoppedBy: "end", scanned: 120, matched: 12, cursor: null });
    // Protobuf messages have no `total`: has() keeps them out without an error.
    const proto = await searchTopic(testAdmin, { topicId, filter: 'has(value.parcels) && value.parcels > 35 && headers.tenant == "acme"' });
    expect(ids(proto)).toEqual(["order-1-37"]);
    // A field missing on most records: those records count as filter errors, not matches.
    const strict = await searchTopic(testAdmin, { topicId, filter: "value.n == 2" });
    expect(ids(strict).filter((k) => k.endsWith("-2"))).toEqual(["order-0-2", "order-1-2", "order-2-2"]);
    expect(strict.matched).toBe(3);
    expect(strict.filterErrors).toBe(81);
    expect(strict.firstFilterError).toMatch(/No such key: n/);
    const exact = await searchTopic(testAdmin, { topicId, filter: 'key == "order-1-7" && partition == 1 && offset == 7' });
    expect(ids(exact)).toEqual(["order-1-7"]);
  });

  it("starts at an offset or a time", async () => {
    const atOffset = await searchTopic(testAdmin, { topicId, partition: 0, from: "offset", offset: "10", direction: "oldest", limit: 2 });
    expect(ids(atOffset)).toEqual(["order-0-10", "order-0-11"]);
    const beforeOffset = await searchTopic(testAdmin, { topicId, partition: 0, from: "offset", offset: "10", limit: 2 });
    expect(ids(beforeOffset)).toEqual(["order-0-10", "order-0-9"]);
    const atTime = await searchTopic(testAdmin, {
      topicId,
      partition: 1,
      from: "timestamp",
      timestamp: new Date(base + 20_000).toISOString(),
      direction: "oldest",
      limit: 1,
    });
    expect(ids(atTime)).toEqual(["order-1-20"]);
  });

  it("stops at its budget of records or of time, and when cancelled, each with a cursor to go on", async () => {
    const none = "value.order_id == 'nobody'";
    const byCount = await searchTopic(testAdmin, { topicId, filter: none, maxScanned: 50 });
    expect(byCount).toMatchObject({ stoppedBy: "scanned-budget", scanned: 50, matched: 0 });
    const rest = await searchTopic(testAdmin, { topicId, filter: none, cursor: byCount.cursor! });
    expect(rest).toMatchObject({ stoppedBy: "end", scanned: 70 });

    // A clock that moves a second each time it is read: the 3-second budget runs out mid-search.
    let t = 0;
    const byTime = await searchTopic(testAdmin, { topicId, filter: none, maxSeconds: 3 }, { now: () => (t += 1000) });
    expect(byTime.stoppedBy).toBe("time-budget");
    expect(byTime.scanned).toBeLessThan(120);
    expect(byTime.cursor).toBeTruthy();

    const abort = new AbortController();
    const progress: number[] = [];
    const cancelled = await searchTopic(
      testAdmin,
      { topicId, filter: none, direction: "oldest", from: "earliest" },
      {
        signal: abort.signal,
        onProgress: (p) => {
          progress.push(p.scanned);
          abort.abort();
        },
      },
    );
    expect(cancelled.stoppedBy).toBe("cancelled");
    expect(cancelled.scanned).toBe(progress[0]);
    expect(cancelled.scanned).toBeLessThan(120);
  });

  it("is the REST API's by cluster and topic name, and refuses who may not read the topic", async () => {
    const byName = await searchTopic(testAdmin, { cluster: clusterName, topic, limit: 1, partition: 0 });
    expect(ids(byName)).toEqual(["order-0-39"]);
    await expect(searchTopic(testActor("editor", ["growth"]), { topicId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(ids(await searchTopic(testActor("viewer", ["checkout"]), { topicId, limit: 1, partition: 0 }))).toEqual(["order-0-39"]);
    await expect(searchTopic(testAdmin, { topicId, filter: "value." })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(searchTopic(testAdmin, { topicId, from: "earliest" })).rejects.toThrow(/Newest first starts at/);
    await expect(searchTopic(testAdmin, { topicId, cursor: "bm9wZQ" })).rejects.toThrow(/not one this search gave out/);
    await expect(searchTopic(testAdmin, { cluster: clusterName, topic: "no-such-topic" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("live tail", () => {
  it("sends each new record the filter keeps as it arrives, from the end, until stopped", async () => {
    const abort = new AbortController();
    const seen: string[] = [];
    let rounds = 0;
    let arrived: () => void = () => {};
    const twoArrived = new Promise<void>((r) => (arrived = r));
    let started: () => void = () => {};
    const firstRound = new Promise<void>((r) => (started = r));
    const tail = tailTopic(
      testAdmin,
      { topicId, filter: 'headers.tenant == "acme"' },
      {
        signal: abort.signal,
        onProgress: () => {
          if (++rounds === 1) started();
        },
        onMatch: (m) => {
          seen.push((m.key as { text: string }).text);
          if (seen.length === 2) arrived();
        },
      },
    );
    // Only records written after the tail began come through, and only those the filter keeps.
    await firstRound;
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        { partition: 0, key: "live-1", value: "{}", headers: { tenant: "acme" } },
        { partition: 1, key: "live-2", value: "{}", headers: { tenant: "globex" } },
        { partition: 2, key: "live-3", value: "{}", headers: { tenant: "acme" } },
      ],
    });
    await producer.disconnect();
    await twoArrived;
    abort.abort();
    const result = await tail;
    expect(seen.sort()).toEqual(["live-1", "live-3"]);
    expect(result).toMatchObject({ stoppedBy: "cancelled", matched: 2 });
    expect(result.scanned).toBeGreaterThanOrEqual(3);
  });
});

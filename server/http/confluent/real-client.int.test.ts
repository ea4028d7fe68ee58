// A registry client we did not write (@kafkajs/confluent-schema-registry) uses our API unchanged:
// it registers Avro, JSON Schema and Protobuf schemas (setting the subject's compatibility before
// the subject exists), encodes Confluent-framed messages, and those go through the real Kafka
// broker and are decoded again on the other side.
import { COMPATIBILITY, SchemaRegistry, SchemaType } from "@kafkajs/confluent-schema-registry";
import { beforeAll, describe, expect, it } from "vitest";
import { createTopic, testKafka, uniqueName } from "@/test/kafka-helpers";
import { useRegistryServer } from "@/test/registry-server";

const server = useRegistryServer();
let registry: SchemaRegistry;
beforeAll(() => {
  // HTTP Basic with the token's name and secret: what `basic.auth.user.info` sends in Confluent's clients.
  registry = new SchemaRegistry({ host: server.base, auth: { username: server.token.name, password: server.token.secret } });
});

async function roundTripThroughKafka(topic: string, values: Buffer[]): Promise<Buffer[]> {
  await createTopic(topic, 1);
  const kafka = testKafka();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: values.map((value) => ({ value })) });
  await producer.disconnect();
  const consumer = kafka.consumer({ groupId: uniqueName("decoder") });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const received: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("messages did not arrive")), 30_000);
    void consumer.run({
      eachMessage: async ({ message }) => {
        received.push(message.value!);
        if (received.length === values.length) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return received;
}

describe("@kafkajs/confluent-schema-registry against Eventplane", () => {
  it("registers Avro, JSON Schema and Protobuf, and decodes what went through Kafka", async () => {
    const topic = uniqueName("orders");
    const avro = {
      type: "record",
      name: "OrderPlaced",
      namespace: "shop.events",
      fields: [
        { name: "event_id", type: "string" },
        { name: "amount", type: "double" },
      ],
    };
    const { id: avroId } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(avro) },
      { subject: `${topic}-value`, compatibility: COMPATIBILITY.FULL_TRANSITIVE },
    );
    const jsonSchema = { type: "object", properties: { event_id: { type: "string" }, qty: { type: "integer" } }, required: ["event_id"] };
    const { id: jsonId } = await registry.register(
      { type: SchemaType.JSON, schema: JSON.stringify(jsonSchema) },
      { subject: `${topic}-json-value` },
    );
    const proto = 'syntax = "proto3";\npackage shop.events;\nmessage PaymentProcessed {\n  string reference = 1;\n  int64 cents = 2;\n}\n';
    const { id: protoId } = await registry.register({ type: SchemaType.PROTOBUF, schema: proto }, { subject: `${topic}-proto-value` });

    const config = await fetch(`${server.base}/config/${topic}-value`, { headers: server.auth }).then((r) => r.json());
    expect(config).toEqual({ compatibilityLevel: "FULL_TRANSITIVE" });
    expect(await registry.getLatestSchemaId(`${topic}-value`)).toBe(avroId);

    const payloads = [
      await registry.encode(avroId, { event_id: "e-1", amount: 12.5 }),
      await registry.encode(jsonId, { event_id: "e-2", qty: 3 }),
      await registry.encode(protoId, { reference: "e-3", cents: 700 }),
    ];
    for (const [i, id] of [avroId, jsonId, protoId].entries()) {
      expect(payloads[i]![0]).toBe(0); // Confluent magic byte
      expect(payloads[i]!.readInt32BE(1)).toBe(id);
    }

    const received = await roundTripThroughKafka(topic, payloads);
    const decoded = await Promise.all(received.map((b) => registry.decode(b)));
    expect(decoded[0]).toEqual({ event_id: "e-1", amount: 12.5 });
    expect(decoded[1]).toEqual({ event_id: "e-2", qty: 3 });
    expect({ ...decoded[2], cents: Number(decoded[2].cents) }).toEqual({ reference: "e-3", cents: 700 });

    // Evolving the Avro subject: a compatible change registers, an incompatible one is refused.
    const evolved = { ...avro, fields: [...avro.fields, { name: "currency", type: "string", default: "EUR" }] };
    const { id: v2 } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(evolved) },
      { subject: `${topic}-value`, compatibility: COMPATIBILITY.FULL_TRANSITIVE },
    );
    expect(v2).not.toBe(avroId);
    const broken = { ...avro, fields: [{ name: "event_id", type: "int" }] };
    await expect(
      registry.register(
        { type: SchemaType.AVRO, schema: JSON.stringify(broken) },
        { subject: `${topic}-value`, compatibility: COMPATIBILITY.FULL_TRANSITIVE },
      ),
    ).rejects.toThrow(/409|incompatible/i);
  });
});

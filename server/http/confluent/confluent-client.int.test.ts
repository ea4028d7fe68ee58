// Confluent's own JavaScript client (@confluentinc/schemaregistry), configured the way its users
// configure it (basic.auth.credentials.source=USER_INFO with a token's name and secret), registers,
// looks up and checks schemas against our API, and its Avro serializer and deserializer round-trip a
// record through the registry. Wrong credentials are refused.
import confluent from "@confluentinc/schemaregistry";
import { describe, expect, it } from "vitest";
import { uniqueName } from "@/test/kafka-helpers";
import { useRegistryServer } from "@/test/registry-server";

const { AvroDeserializer, AvroSerializer, SchemaRegistryClient, SerdeType } = confluent;
const server = useRegistryServer();

const client = (userInfo: string) =>
  new SchemaRegistryClient({
    baseURLs: [server.base],
    basicAuthCredentials: { credentialsSource: "USER_INFO", userInfo },
    maxRetries: 0,
  });

describe("Confluent's JavaScript schema registry client, with an API token", () => {
  it("registers, looks up, checks compatibility and serializes Avro through our API", async () => {
    const sr = client(`${server.token.name}:${server.token.secret}`);
    const topic = uniqueName("confluent-orders");
    const subject = `${topic}-value`;
    const v1 = { type: "record", name: "Order", namespace: "shop", fields: [{ name: "id", type: "string" }] };
    const id = await sr.register(subject, { schemaType: "AVRO", schema: JSON.stringify(v1) });
    expect(id).toBeGreaterThan(0);
    expect((await sr.getLatestSchemaMetadata(subject)).id).toBe(id);
    expect(JSON.parse((await sr.getBySubjectAndId(subject, id)).schema)).toMatchObject({ name: "Order" });

    const breaking = { ...v1, fields: [...v1.fields, { name: "total", type: "double" }] };
    expect(await sr.testCompatibility(subject, 1, { schemaType: "AVRO", schema: JSON.stringify(breaking) })).toBe(false);

    const serializer = new AvroSerializer(sr, SerdeType.VALUE, { useLatestVersion: true });
    const deserializer = new AvroDeserializer(sr, SerdeType.VALUE, {});
    const bytes = await serializer.serialize(topic, { id: "o-1" });
    expect(bytes[0]).toBe(0);
    expect(bytes.readUInt32BE(1)).toBe(id);
    expect(await deserializer.deserialize(topic, bytes)).toEqual({ id: "o-1" });
  });

  it("is refused with credentials that are not a token's", async () => {
    await expect(client(`${server.token.name}:not-the-secret`).getLatestSchemaMetadata("anything-value")).rejects.toMatchObject({ status: 401 });
  });
});

// Masking on a real Kafka: a viewer never receives a masked field from the server, wherever the
// payload appears (search, live results, the record view, the REST API), cannot find it by filtering
// on it, and receives a payload with no fields to tell apart masked whole; an admin sees it in clear;
// rules are admins' to set, and audited.
import { beforeAll, describe, expect, it } from "vitest";
import { syncCluster } from "@/collectors/catalog-sync/sync-cluster";
import { db } from "@/server/db";
import { createMaskingRule, deleteMaskingRule } from "@/server/domain/masking";
import { readTopicRecord } from "./read-record";
import { searchTopic } from "./search-topic";
import { testActor, testAdmin } from "@/test/actors";
import { useAppServer } from "@/test/app-server";
import { createTestCluster } from "@/test/catalog-helpers";
import { createTopic, testKafka, uniqueName } from "@/test/kafka-helpers";
import { createTestToken } from "@/test/tokens";

const app = useAppServer();
const topic = uniqueName("cards");
const viewer = testActor("viewer", ["payments"], "payments-viewer");
const card = "4111111111111111";
let topicId = "";
let clusterName = "";
let clusterId = "";

beforeAll(async () => {
  await createTopic(topic, 1);
  const producer = testKafka().producer();
  await producer.connect();
  await producer.send({
    topic,
    messages: [
      {
        key: "pay-1",
        value: JSON.stringify({ id: "pay-1", card: { number: card, holder: "Ada" }, customer: { email: "ada@example.com" } }),
      },
      { key: "pay-2", value: `free text mentioning ${card}` },
    ],
  });
  await producer.disconnect();
  const cluster = await createTestCluster();
  clusterId = cluster.id;
  clusterName = (await db.cluster.findUniqueOrThrow({ where: { id: cluster.id } })).name;
  await syncCluster(cluster, { withConfigs: false });
  topicId = (await db.topic.findFirstOrThrow({ where: { clusterId, name: topic } })).id;
  await db.topic.update({ where: { id: topicId }, data: { ownerTeam: "payments" } });
  await createMaskingRule(testAdmin, {
    name: uniqueName("cards"),
    topicPattern: `${topic.split("-")[0]}-*`,
    paths: ["$.card.number", "*.email"],
    maskFor: ["viewer"],
    style: "last4",
  });
});

describe("masking", () => {
  it("keeps masked fields, and payloads without fields, from a viewer in search results", async () => {
    const r = await searchTopic(viewer, { topicId, direction: "oldest", from: "earliest" });
    const text = JSON.stringify(r.messages);
    expect(text).not.toContain(card);
    expect(text).not.toContain("ada@example.com");
    const json = r.messages.find((m) => m.key.kind === "text" && m.key.text === "pay-1")!;
    expect(JSON.parse((json.value as { text: string }).text)).toEqual({
      id: "pay-1",
      card: { number: "****1111", holder: "Ada" },
      customer: { email: "****.com" },
    });
    expect(r.messages.find((m) => m.key.kind === "text" && m.key.text === "pay-2")!.value).toEqual({
      kind: "text",
      text: expect.stringContaining("masked"),
    });
  });

  it("matches a viewer's filter against the masked value, so it cannot be used to guess", async () => {
    const guess = await searchTopic(viewer, { topicId, filter: `value.card.number == "${card}"` });
    expect(guess.matched).toBe(0);
    const admin = await searchTopic(testAdmin, { topicId, filter: `value.card.number == "${card}"` });
    expect(admin.matched).toBe(1);
  });

  it("masks the record view and the REST API too; an admin reads in clear", async () => {
    const record = await readTopicRecord(viewer, { topic, partition: 0, offset: "0", clusterId });
    expect(JSON.stringify(record)).not.toContain(card);
    expect(JSON.stringify(await readTopicRecord(testAdmin, { topic, partition: 0, offset: "0", clusterId }))).toContain(card);

    const token = (await createTestToken(["read"], "viewer", "payments")).bearer;
    const res = await fetch(
      `${app.url}/api/v1/clusters/${encodeURIComponent(clusterName)}/topics/${encodeURIComponent(topic)}/messages?from=earliest&direction=oldest`,
      {
        headers: token,
      },
    );
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(body).toContain("****1111");
    expect(body).not.toContain(card);
  });

  it("is an admin's to set, with paths it can read, and every change is audited", async () => {
    await expect(
      createMaskingRule(testActor("editor", ["payments"]), { name: uniqueName("x"), paths: ["$.a"], maskFor: ["viewer"] }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(createMaskingRule(testAdmin, { name: uniqueName("x"), paths: ["card.number"], maskFor: ["viewer"] })).rejects.toThrow(
      /starts with "\$\."/,
    );
    const rule = await createMaskingRule(testAdmin, { name: uniqueName("temp"), paths: ["$.a"], maskFor: ["editor"] });
    await deleteMaskingRule(testAdmin, rule.id);
    const actions = (await db.auditEntry.findMany({ where: { targetId: rule.id }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["masking.create", "masking.delete"]);
  });
});

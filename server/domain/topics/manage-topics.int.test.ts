// Topic administration on a real Kafka under the admins' policy: each refusal names its rule, and
// what is allowed really happens on the broker (read back with the admin API), audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, rawQuery, rawTransaction } from "@/server/db";
import { currentPolicy, setPolicy } from "@/server/domain/policies";
import { testActor, testAdmin } from "@/test/actors";
import { createTestCluster } from "@/test/catalog-helpers";
import { testKafka, uniqueName } from "@/test/kafka-helpers";
import { addPartitions, changeTopicConfigs, createTopic, deleteTopic } from "./manage-topics";

const TOPIC_RESOURCE = 2; // ConfigResourceTypes.TOPIC
const editor = testActor("editor", ["orders"], "orders-editor");
const prefix = uniqueName("pol").replace(/-/g, "");
let clusterId = "";
let previous: Awaited<ReturnType<typeof currentPolicy>>["document"];

beforeAll(async () => {
  clusterId = (await createTestCluster()).id;
  previous = (await currentPolicy()).document;
  // Only this file creates topics through the domain; the policy is put back afterwards.
  await setPolicy(testAdmin, {
    topics: {
      namePattern: `${prefix}\\.[a-z.-]+`,
      partitions: { min: 1, max: 6 },
      replicationFactor: { max: 1 },
      retentionMs: { min: 3_600_000, max: 604_800_000 },
      ownerRequired: true,
    },
  });
});
afterAll(async () => {
  await setPolicy(testAdmin, previous);
});

async function brokerConfig(name: string, key: string) {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: TOPIC_RESOURCE, name }] });
    return resources[0]!.configEntries.find((e) => e.configName === key)?.configValue;
  } finally {
    await admin.disconnect();
  }
}

describe("topics under the policy", () => {
  it("refuses a creation that breaks a rule, naming each rule", async () => {
    const base = { clusterId, name: `${prefix}.orders`, partitions: 3, replicationFactor: 1, ownerTeam: "orders" };
    await expect(createTopic(editor, { ...base, partitions: 12 })).rejects.toThrow(
      "Refused by the policy: topics.partitions.max (partitions 12 is above the maximum 6)",
    );
    await expect(createTopic(editor, { ...base, ownerTeam: null })).rejects.toThrow(/topics\.ownerRequired/);
    await expect(createTopic(editor, { ...base, name: `${prefix}_Bad` })).rejects.toThrow(/topics\.namePattern/);
    await expect(createTopic(editor, { ...base, configs: { "retention.ms": "-1" } })).rejects.toThrow(
      /topics\.retentionMs\.max \(retention\.ms -1 \(for ever\)/,
    );
    await expect(createTopic(editor, { ...base, ownerTeam: "growth" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createTopic(testActor("viewer", ["orders"]), base)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("creates, reconfigures (diff first), grows and deletes an allowed topic on the broker, audited", async () => {
    const name = `${prefix}.payments`;
    const created = await createTopic(editor, {
      clusterId,
      name,
      partitions: 2,
      replicationFactor: 1,
      ownerTeam: "orders",
      configs: { "retention.ms": "86400000" },
    });
    expect(created).toMatchObject({ name, ownerTeam: "orders", partitionCount: 2 });
    expect(await brokerConfig(name, "retention.ms")).toBe("86400000");

    const dry = await changeTopicConfigs(editor, {
      topicId: created.id,
      set: { "retention.ms": "172800000", "cleanup.policy": "compact" },
    });
    expect(dry).toEqual({
      dryRun: true,
      applied: false,
      diff: [
        { name: "cleanup.policy", from: null, to: "compact" },
        { name: "retention.ms", from: "86400000", to: "172800000" },
      ],
    });
    expect(await brokerConfig(name, "retention.ms")).toBe("86400000");
    await expect(changeTopicConfigs(editor, { topicId: created.id, set: { "retention.ms": "60000" }, dryRun: false })).rejects.toThrow(
      /topics\.retentionMs\.min/,
    );
    await changeTopicConfigs(editor, {
      topicId: created.id,
      set: { "retention.ms": "172800000", "cleanup.policy": "compact" },
      dryRun: false,
    });
    expect(await brokerConfig(name, "cleanup.policy")).toBe("compact");
    // A reset returns one name to the default and leaves the others as they were.
    await changeTopicConfigs(editor, { topicId: created.id, reset: ["cleanup.policy"], dryRun: false });
    expect([await brokerConfig(name, "cleanup.policy"), await brokerConfig(name, "retention.ms")]).toEqual(["delete", "172800000"]);

    await expect(addPartitions(editor, { topicId: created.id, partitions: 8 })).rejects.toThrow(/topics\.partitions\.max/);
    await expect(addPartitions(editor, { topicId: created.id, partitions: 1 })).rejects.toThrow(/only adds partitions/);
    expect(await addPartitions(editor, { topicId: created.id, partitions: 4 })).toEqual({ from: 2, to: 4 });
    const admin = testKafka().admin();
    await admin.connect();
    expect((await admin.fetchTopicMetadata({ topics: [name] })).topics[0]!.partitions).toHaveLength(4);

    await expect(deleteTopic(editor, { topicId: created.id, confirmName: "payments" })).rejects.toThrow(`Type the topic's name, ${name}`);
    await deleteTopic(editor, { topicId: created.id, confirmName: name });
    await expect.poll(async () => (await admin.listTopics()).includes(name), { timeout: 30_000 }).toBe(false);
    await admin.disconnect();
    const actions = (await db.auditEntry.findMany({ where: { targetId: created.id }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["topic.create", "topic.configs", "topic.configs", "topic.partitions", "topic.delete"]);
  });

  it("keeps the owner when the catalog sync inserts the same topic at the same moment", async () => {
    // The race for real: another transaction (as the sync's would) inserts the row and holds it
    // uncommitted, so createTopic's write must wait on it, then meet the committed row.
    const name = `${prefix}.refunds`;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const sync = rawTransaction(async (client) => {
      await client.query(
        `INSERT INTO "Topic" (id, "clusterId", name, "partitionCount", "replicationFactor", "lastSeenAt")
         VALUES (gen_random_uuid(), $1, $2, 1, 1, now())`,
        [clusterId, name],
      );
      await held;
    });
    const waitingOnTheRow = async () =>
      (
        await rawQuery<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%"Topic"%'`,
        )
      )[0]!.n;
    const created = createTopic(editor, { clusterId, name, partitions: 2, replicationFactor: 1, ownerTeam: "orders" });
    await expect.poll(waitingOnTheRow, { timeout: 20_000 }).toBeGreaterThan(0);
    release();
    await sync;
    expect(await created).toMatchObject({ name, ownerTeam: "orders", partitionCount: 2 });
    expect(await db.topic.count({ where: { clusterId, name } })).toBe(1);
    await deleteTopic(editor, { topicId: (await created).id, confirmName: name });
  });

  it("is the admins' to set, and a pattern RE2 cannot run is refused", async () => {
    await expect(setPolicy(editor, { topics: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setPolicy(testAdmin, { topics: { namePattern: "(a)\\1" } })).rejects.toThrow(/topics\.namePattern/);
    await expect(setPolicy(testAdmin, { topics: { partitions: { min: 5, max: 2 } } })).rejects.toThrow(/min is above max/);
  });
});

// ACLs read from a real Kafka with an authorizer: the entries that apply to a topic (literal and
// prefixed patterns, matched by the broker) and everything one principal may do.
import { beforeAll, describe, expect, it } from "vitest";
import { syncCluster } from "@/collectors/catalog-sync/sync-cluster";
import { db } from "@/server/db";
import { createTestCluster } from "@/test/catalog-helpers";
import { createTopic, testKafka, uniqueName } from "@/test/kafka-helpers";
import { readPrincipalAcls, readTopicAcls } from "./topic-acls";

const prefix = uniqueName("acl");
const topic = `${prefix}.orders`;
const alice = `User:${uniqueName("alice")}`;
const bob = `User:${uniqueName("bob")}`;
let topicId = "";
let clusterId = "";

// kafkajs enum values: TOPIC 2; LITERAL 3, PREFIXED 4; READ 3, WRITE 4; DENY 2, ALLOW 3.
const acl = (resourceName: string, resourcePatternType: number, principal: string, operation: number, permissionType: number) => ({
  resourceType: 2,
  resourceName,
  resourcePatternType,
  principal,
  host: "*",
  operation,
  permissionType,
});

beforeAll(async () => {
  await createTopic(topic, 1);
  const admin = testKafka().admin();
  await admin.connect();
  await admin.createAcls({
    acl: [acl(topic, 3, alice, 3, 3), acl(`${prefix}.`, 4, bob, 4, 3), acl(`${prefix}.other`, 3, bob, 3, 2)] as never,
  });
  await admin.disconnect();
  const cluster = await createTestCluster();
  clusterId = cluster.id;
  await syncCluster(cluster, { withConfigs: false });
  topicId = (await db.topic.findFirstOrThrow({ where: { clusterId, name: topic } })).id;
});

describe("ACLs, read only", () => {
  it("lists the entries that apply to a topic, literal and prefixed", async () => {
    const r = await readTopicAcls(topicId);
    expect(r.enabled).toBe(true);
    expect(r.acls.map((a) => [a.principal, a.pattern, a.resourceName, a.operation, a.permission]).sort()).toEqual(
      [
        [alice, "LITERAL", topic, "READ", "ALLOW"],
        [bob, "PREFIXED", `${prefix}.`, "WRITE", "ALLOW"],
      ].sort(),
    );
  });

  it("lists everything one principal may (and may not) do", async () => {
    const r = await readPrincipalAcls({ clusterId, principal: bob });
    expect(r.acls.map((a) => [a.resourceName, a.operation, a.permission]).sort()).toEqual(
      [
        [`${prefix}.`, "WRITE", "ALLOW"],
        [`${prefix}.other`, "READ", "DENY"],
      ].sort(),
    );
    await expect(readPrincipalAcls({ clusterId, principal: "alice" })).rejects.toThrow(/a principal is/);
  });
});

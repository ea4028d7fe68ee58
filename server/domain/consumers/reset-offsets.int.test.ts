// Offset reset on a real Kafka, compared with what kafka-consumer-groups.sh --reset-offsets --dry-run
// prints for the same request; refused while the group has running members; audited when applied.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { testActor, testAdmin } from "@/test/actors";
import { createTestCluster } from "@/test/catalog-helpers";
import { resetOffsetsDryRunWithKafkaCli } from "@/test/kafka-cli";
import { createTopic, testBrokers, testKafka, uniqueName } from "@/test/kafka-helpers";
import { syncCluster } from "@/collectors/catalog-sync/sync-cluster";
import { resetOffsets } from "./reset-offsets";

const topic = uniqueName("invoices");
const group = uniqueName("billing");
// Records an hour ago, a minute apart: partition p holds 20 + p records.
const base = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
let clusterId = "";

beforeAll(async () => {
  await createTopic(topic, 3);
  const kafka = testKafka();
  const producer = kafka.producer();
  await producer.connect();
  for (let p = 0; p < 3; p++)
    await producer.send({
      topic,
      messages: Array.from({ length: 20 + p }, (_, i) => ({ partition: p, value: `i-${i}`, timestamp: String(base + i * 60_000) })),
    });
  await producer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  // The group stopped at offset 10 on partitions 0 and 1, and never read partition 2.
  await admin.setOffsets({ groupId: group, topic, partitions: [0, 1].map((partition) => ({ partition, offset: "10" })) });
  await admin.disconnect();
  const cluster = await createTestCluster();
  clusterId = cluster.id;
  await syncCluster(cluster, { withConfigs: false });
  await db.topic.updateMany({ where: { clusterId, name: topic }, data: { ownerTeam: "billing" } });
});

const ask = (to: string, value?: string | number, partitions?: number[]) =>
  resetOffsets({ clusterId, group, topic, to: to as "earliest", value, partitions, dryRun: true }, testAdmin);
const asMap = (rows: { partition: number; next: string }[]) => new Map(rows.map((r) => [r.partition, Number(r.next)]));

describe("resetting a group's offsets", () => {
  it("plans what kafka-consumer-groups --reset-offsets --dry-run plans", async () => {
    const cases: [string, string | number | undefined, string[], number[] | undefined][] = [
      ["earliest", undefined, ["--to-earliest"], undefined],
      ["latest", undefined, ["--to-latest"], undefined],
      ["offset", "15", ["--to-offset", "15"], undefined],
      ["offset", "99", ["--to-offset", "99"], undefined], // past the end: the end
      [
        "timestamp",
        new Date(base + 5 * 60_000).toISOString(),
        [
          "--to-datetime",
          new Date(base + 5 * 60_000)
            .toISOString()
            .replace("Z", "+0000")
            .replace(/\.\d{3}/, ".000"),
        ],
        undefined,
      ],
      ["shift", "-3", ["--shift-by", "-3"], [0, 1]],
      ["shift", "50", ["--shift-by", "50"], [0, 1]],
    ];
    for (const [to, value, cli, partitions] of cases) {
      const ours = await ask(to, value, partitions);
      const topicArg = partitions ? `${topic}:${partitions.join(",")}` : topic;
      expect(asMap(ours.partitions), `${to} ${value ?? ""}`).toEqual(resetOffsetsDryRunWithKafkaCli(testBrokers(), group, topicArg, cli));
    }
  });

  it("answers the table: current → new offset, lag before → after", async () => {
    const plan = await ask("offset", "5");
    expect(plan.partitions).toEqual([
      { partition: 0, current: "10", next: "5", lagBefore: "10", lagAfter: "15" },
      { partition: 1, current: "10", next: "5", lagBefore: "11", lagAfter: "16" },
      { partition: 2, current: null, next: "5", lagBefore: null, lagAfter: "17" },
    ]);
    expect(plan).toMatchObject({ dryRun: true, applied: false, refusal: null, members: 0 });
    await expect(ask("shift", "-1")).rejects.toThrow("Cannot shift partition 2: the group has no committed offset there");
    await expect(ask("offset", "soon")).rejects.toThrow("The offset is a whole number");
    await expect(ask("earliest", undefined, [7])).rejects.toThrow(`${topic} has no partition 7`);
  });

  it("applies it, audited, for who may change the topic, and Kafka then holds the new offsets", async () => {
    const editor = testActor("editor", ["billing"], "billing-editor");
    await expect(
      resetOffsets({ clusterId, group, topic, to: "earliest", dryRun: false }, testActor("editor", ["growth"])),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const done = await resetOffsets({ clusterId, group, topic, to: "offset", value: "3", partitions: [0], dryRun: false }, editor);
    expect(done).toMatchObject({ applied: true, partitions: [{ partition: 0, current: "10", next: "3" }] });
    const admin = testKafka().admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    await admin.disconnect();
    expect(committed!.partitions.find((p) => p.partition === 0)!.offset).toBe("3");
    expect(committed!.partitions.find((p) => p.partition === 1)!.offset).toBe("10");
    const entry = await db.auditEntry.findFirst({ where: { action: "consumers.reset-offsets", targetId: `${clusterId}/${group}` } });
    expect(entry).toMatchObject({
      actorName: "billing-editor",
      team: "billing",
      before: { topic, offsets: { 0: "10" } },
      after: { offsets: { 0: "3" } },
    });
  });

  it("is refused while the group has running members, with the reason, and the dry run says so", async () => {
    const consumer = testKafka().consumer({ groupId: group });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic] });
    let joined: () => void = () => {};
    const isJoined = new Promise<void>((r) => (joined = r));
    consumer.on(consumer.events.GROUP_JOIN, () => joined());
    await consumer.run({ eachMessage: async () => {} });
    await isJoined;
    try {
      const dry = await ask("earliest");
      expect(dry.members).toBe(1);
      expect(dry.refusal).toMatch(/has 1 running member\(s\).*stop them first/);
      await expect(resetOffsets({ clusterId, group, topic, to: "earliest", dryRun: false }, testAdmin)).rejects.toMatchObject({
        code: "CONFLICT",
      });
    } finally {
      await consumer.disconnect();
    }
  });
});

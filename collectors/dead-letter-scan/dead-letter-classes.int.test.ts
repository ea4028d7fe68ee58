// "A new exception class in a DLQ": the worker's scan records the classes a queue already held as
// its baseline, notes a class that appears later, and a dlq_new_exception rule fires for that class
// only, labelled with it; the alert resolves once the class is older than the rule's window. Topics
// not named like a DLQ are probed for dead-letter headers.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createEndpoint, createRule, deleteEndpoint, deleteRule, evaluateRules } from "@/server/domain/alerts";
import { probeDeadLetterHeaders, scanDeadLetterClasses } from "@/server/domain/dead-letters";
import { createTestCluster } from "@/test/catalog-helpers";
import { createTopic, testKafka, uniqueName } from "@/test/kafka-helpers";
import { syncCluster } from "../catalog-sync/sync-cluster";
import { testAdmin } from "@/test/actors";

const failure = (fqcn: string, message: string) => ({
  value: "{}",
  headers: { "kafka_dlt-original-topic": "orders", "kafka_dlt-exception-fqcn": fqcn, "kafka_dlt-exception-message": message },
});

describe("the worker's watch on dead-letter queues", () => {
  it("tells new exception classes from the baseline and fires an alert per class", { timeout: 60_000 }, async () => {
    const dlq = `${uniqueName("orders")}.DLQ`;
    await createTopic(dlq, 2);
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({ topic: dlq, messages: [failure("com.shop.PaymentDeclinedException", "card declined")] });
    const cluster = await createTestCluster();
    await syncCluster(cluster, { withConfigs: false });
    const topicId = (await db.topic.findFirstOrThrow({ where: { clusterId: cluster.id, name: dlq } })).id;

    const first = await scanDeadLetterClasses({ topicIds: [topicId] });
    expect(first).toMatchObject({ scanned: 1, newClasses: [], errors: [] });
    // Nothing moved: the queue is not read again.
    expect((await scanDeadLetterClasses({ topicIds: [topicId] })).scanned).toBe(0);

    await producer.send({
      topic: dlq,
      messages: [
        failure("java.lang.IllegalStateException", "ledger closed"),
        failure("com.shop.PaymentDeclinedException", "again"),
        failure("java.util.concurrent.TimeoutException", "ledger slow"),
      ],
    });
    await producer.disconnect();
    await syncCluster(cluster, { withConfigs: false });
    const second = await scanDeadLetterClasses({ topicIds: [topicId] });
    expect(second.newClasses.map((c) => c.exceptionClass).sort()).toEqual([
      "java.lang.IllegalStateException",
      "java.util.concurrent.TimeoutException",
    ]);
    const classes = await db.deadLetterClass.findMany({ where: { topicId }, orderBy: { exceptionClass: "asc" } });
    expect(classes.map((c) => [c.exceptionClass, c.baseline])).toEqual([
      ["com.shop.PaymentDeclinedException", true],
      ["java.lang.IllegalStateException", false],
      ["java.util.concurrent.TimeoutException", false],
    ]);
    expect(classes[1]!.example).toBe("ledger closed");

    // Notified per exception class (grouped by that label), to an endpoint of its own.
    const endpoint = await createEndpoint(testAdmin, { name: uniqueName("dlq-hook"), url: "http://127.0.0.1:9/hook" });
    const rule = await createRule(testAdmin, {
      name: uniqueName("NewDeadLetterClass"),
      kind: "dlq_new_exception",
      target: dlq,
      threshold: 30,
      groupBy: ["exception"],
      endpointIds: [endpoint.id],
    });
    try {
      await evaluateRules({ externalUrl: "http://eventplane.test" });
      const alerts = await db.alert.findMany({ where: { ruleId: rule.id } });
      expect(alerts.map((a) => [a.state, (a.labels as Record<string, string>).exception]).sort()).toEqual([
        ["firing", "java.lang.IllegalStateException"],
        ["firing", "java.util.concurrent.TimeoutException"],
      ]);
      const sent = await db.notification.findMany({ where: { endpointId: endpoint.id } });
      expect(sent.map((n) => (JSON.parse(n.body) as { groupLabels: Record<string, string> }).groupLabels.exception).sort()).toEqual([
        "java.lang.IllegalStateException",
        "java.util.concurrent.TimeoutException",
      ]);
      // 31 minutes later the class is no longer new: the alert resolves.
      await db.deadLetterClass.updateMany({ where: { topicId }, data: { firstSeenAt: new Date(Date.now() - 31 * 60_000) } });
      await evaluateRules({ externalUrl: "http://eventplane.test" });
      expect((await db.alert.findMany({ where: { ruleId: rule.id } })).map((a) => a.state)).toEqual(["inactive", "inactive"]);
    } finally {
      await deleteRule(testAdmin, rule.id);
      await deleteEndpoint(testAdmin, endpoint.id);
    }
  });

  it("finds dead-letter queues by their records' headers, whatever their name", { timeout: 60_000 }, async () => {
    const errors = uniqueName("connect-errors");
    const plain = uniqueName("payments");
    await createTopic(errors, 1);
    await createTopic(plain, 1);
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({
      topic: errors,
      messages: [
        {
          value: "{}",
          headers: {
            "__connect.errors.topic": "orders",
            "__connect.errors.exception.class.name": "org.apache.kafka.connect.errors.DataException",
          },
        },
      ],
    });
    await producer.send({
      topic: plain,
      messages: [{ value: "{}", headers: { traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" } }],
    });
    await producer.disconnect();
    const cluster = await createTestCluster();
    await syncCluster(cluster, { withConfigs: false });
    const ids = (await db.topic.findMany({ where: { clusterId: cluster.id, name: { in: [errors, plain] } } })).map((t) => t.id);

    const probe = await probeDeadLetterHeaders({ topicIds: ids });
    expect(probe).toMatchObject({ probed: 2, found: [`${cluster.name}/${errors}`], errors: [] });
    const rows = await db.topic.findMany({ where: { id: { in: ids } }, orderBy: { name: "asc" } });
    expect(rows.map((t) => [t.name, t.deadLetter, t.deadLetterByHeaders, t.headersProbedAt !== null])).toEqual(
      [
        [errors, true, true, true],
        [plain, false, false, true],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    // Probed today: not read again until tomorrow; a queue found is a DLQ now and scanned as one.
    expect((await probeDeadLetterHeaders({ topicIds: ids })).probed).toBe(0);
    expect((await scanDeadLetterClasses({ topicIds: ids })).scanned).toBe(1);
  });
});

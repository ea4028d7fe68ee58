import { describe, expect, it } from "vitest";
import { syncCluster } from "@/collectors/catalog-sync/sync-cluster";
import { db } from "@/server/db";
import { createEndpoint, sendTest } from "@/server/domain/alerts";
import { createTestCluster } from "@/test/catalog-helpers";
import { commitOffsets, createTopic, produce, uniqueName } from "@/test/kafka-helpers";
import { handleMetrics } from "./metrics";
import { testAdmin } from "@/test/actors";
import { createTestToken } from "@/test/tokens";

let token: Promise<{ secret: string }> | undefined;
async function scrape() {
  token ??= createTestToken(["metrics:read"], "viewer");
  return new Request("http://eventplane.test/metrics", { headers: { authorization: `Bearer ${(await token).secret}` } });
}

describe("GET /metrics", () => {
  it("exposes lag per partition, group status and cluster health in Prometheus text format", async () => {
    const cluster = await createTestCluster();
    const topic = uniqueName("metered");
    const group = uniqueName("reader");
    await createTopic(topic, 2);
    await produce(topic, { 0: 10, 1: 4 });
    await commitOffsets(group, topic, { 0: 3, 1: 4 });
    await syncCluster(cluster, { withConfigs: false });

    expect((await handleMetrics(new Request("http://eventplane.test/metrics"))).status).toBe(401);
    const res = await handleMetrics(await scrape());
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const body = await res.text();
    const line = (name: string, labels: string) => body.split("\n").find((l) => l.startsWith(`${name}{${labels}}`));
    const labels = (p: number) => `cluster="${cluster.name}",group="${group}",topic="${topic}",partition="${p}"`;
    expect(line("eventplane_consumergroup_lag", labels(0))).toBe(`eventplane_consumergroup_lag{${labels(0)}} 7`);
    expect(line("eventplane_consumergroup_lag", labels(1))).toBe(`eventplane_consumergroup_lag{${labels(1)}} 0`);
    expect(line("eventplane_consumergroup_lag_seconds", labels(1))).toBe(`eventplane_consumergroup_lag_seconds{${labels(1)}} 0`);
    expect(line("eventplane_consumergroup_status", `cluster="${cluster.name}",group="${group}"`)).toMatch(/ [012]$/);
    expect(line("eventplane_cluster_up", `cluster="${cluster.name}"`)).toBe(`eventplane_cluster_up{cluster="${cluster.name}"} 1`);
    expect(body).toContain("# TYPE eventplane_consumergroup_lag gauge");
  });

  it("exposes DLQ depth and the webhook outbox", async () => {
    const cluster = await createTestCluster();
    const dlq = `${uniqueName("metered")}.DLQ`;
    await createTopic(dlq, 1);
    await produce(dlq, { 0: 3 });
    await syncCluster(cluster, { withConfigs: false });
    const endpoint = await createEndpoint(testAdmin, { name: uniqueName("metered-hook"), url: "http://127.0.0.1:9/hook" });
    await sendTest(testAdmin, endpoint.id, "http://eventplane.test");

    const body = await (await handleMetrics(await scrape())).text();
    expect(body).toContain(`eventplane_dlq_depth{cluster="${cluster.name}",topic="${dlq}"} 3`);
    expect(body).toContain(`eventplane_webhook_notifications{endpoint="${endpoint.name}",status="pending"} 1`);
    expect(body).toContain("# TYPE eventplane_webhook_delivery_attempts gauge");
    await db.webhookEndpoint.delete({ where: { id: endpoint.id } });
  });
});

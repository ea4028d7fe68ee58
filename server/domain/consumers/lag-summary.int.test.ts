// The stored lag summary after a sync: equal to what the lag computation gives, sortable in SQL, and
// sampled at most once a minute for the trend.
import { describe, expect, it } from "vitest";
import { syncCluster } from "@/collectors/catalog-sync/sync-cluster";
import { db } from "@/server/db";
import { createTestCluster } from "@/test/catalog-helpers";
import { commitOffsets, createTopic, produce, uniqueName } from "@/test/kafka-helpers";
import { listGroups } from "./query-groups";

describe("lag summaries", () => {
  it("are stored per group at each sync, sort the groups list by lag, and feed the trend", async () => {
    const cluster = await createTestCluster();
    const topic = uniqueName("summary");
    await createTopic(topic, 1);
    await produce(topic, { 0: 30 });
    // The broker is shared with other tests' groups: this test's own carry one prefix.
    const run = uniqueName("summary");
    const [small, big, none] = [`${run}-small`, `${run}-big`, `${run}-none`];
    await commitOffsets(small, topic, { 0: 25 });
    await commitOffsets(big, topic, { 0: 2 });
    await commitOffsets(none, topic, { 0: 30 });
    await syncCluster(cluster, { withConfigs: false });
    await syncCluster(cluster, { withConfigs: false });

    const rows = await db.consumerGroup.findMany({
      where: { clusterId: cluster.id, groupId: { startsWith: run } },
      select: { groupId: true, totalLag: true, lagStatus: true },
    });
    expect(Object.fromEntries(rows.map((r) => [r.groupId, Number(r.totalLag)]))).toEqual({ [small]: 5, [big]: 28, [none]: 0 });

    const byLag = await listGroups({ clusterId: cluster.id, search: run, sort: "lag", dir: "desc" });
    expect(byLag.items.map((g) => g.groupId)).toEqual([big, small, none]);
    const byLagAsc = await listGroups({ clusterId: cluster.id, search: run, sort: "lag", dir: "asc" });
    expect(byLagAsc.items.map((g) => g.groupId)).toEqual([none, small, big]);
    // Two syncs within a minute: one trend sample each.
    expect(byLag.items.map((g) => g.trend)).toEqual([[28], [5], [0]]);
  });
});

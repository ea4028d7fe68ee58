// Domain-side helpers for integration tests: a cluster row pointing at the test broker.
import { db } from "@/server/db";
import { listClusterTargets } from "@/server/domain/connections";
import { testBrokers, uniqueName } from "./kafka-helpers";

export async function createTestCluster(brokers = testBrokers()) {
  const row = await db.cluster.create({ data: { name: uniqueName("test"), bootstrapServers: brokers.split(",") } });
  const target = (await listClusterTargets()).find((t) => t.id === row.id);
  if (!target) throw new Error("test cluster vanished");
  return target;
}

export async function topicRow(clusterId: string, name: string) {
  return db.topic.findUnique({
    where: { clusterId_namespace_name: { clusterId, namespace: "", name } },
    include: { partitions: { orderBy: { partition: "asc" } } },
  });
}

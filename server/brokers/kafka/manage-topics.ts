// Creating, changing and deleting topics. Kafka's AlterConfigs (the only config call kafkajs has)
// replaces a topic's whole dynamic config: the current overrides are read first and sent back with
// the change, so what was not touched stays as it was.
import { withAdmin } from "./client";

// kafkajs's ConfigResourceTypes.TOPIC; a named import of it fails under Node's ESM loader (kafkajs is
// CommonJS and that export is not one Node can detect), which the worker runs under.
const TOPIC_RESOURCE = 2;
import type { ClusterConnection } from "./types";

export async function createKafkaTopic(
  conn: ClusterConnection,
  t: { name: string; partitions: number; replicationFactor: number; configs: Record<string, string> },
): Promise<void> {
  await withAdmin(conn, async (admin) => {
    const created = await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: t.replicationFactor,
          configEntries: Object.entries(t.configs).map(([name, value]) => ({ name, value })),
        },
      ],
    });
    if (!created) throw new Error(`topic ${t.name} already exists`);
  });
}

export async function deleteKafkaTopic(conn: ClusterConnection, name: string): Promise<void> {
  await withAdmin(conn, (admin) => admin.deleteTopics({ topics: [name], timeout: 30_000 }));
}

export async function addKafkaPartitions(conn: ClusterConnection, name: string, total: number): Promise<void> {
  await withAdmin(conn, (admin) => admin.createPartitions({ topicPartitions: [{ topic: name, count: total }], validateOnly: false }));
}

/** The topic's own overrides (not the broker's defaults). */
export async function topicOverrides(conn: ClusterConnection, name: string): Promise<Record<string, string>> {
  return withAdmin(conn, async (admin) => {
    const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: TOPIC_RESOURCE, name }] });
    const out: Record<string, string> = {};
    for (const e of resources[0]?.configEntries ?? [])
      if (!e.isDefault && !e.readOnly && e.configValue !== null && !e.isSensitive) out[e.configName] = e.configValue;
    return out;
  });
}

/** Sets the topic's overrides to exactly `configs` (a name left out returns to the broker's default). */
export async function replaceTopicOverrides(conn: ClusterConnection, name: string, configs: Record<string, string>): Promise<void> {
  await withAdmin(conn, (admin) =>
    admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: TOPIC_RESOURCE, name, configEntries: Object.entries(configs).map(([n, value]) => ({ name: n, value })) }],
    }),
  );
}

// One read of a cluster for the catalog: brokers, topics with partitions and offsets (and configs when
// asked), consumer groups with members, assignments and committed offsets.
import type { Admin, ITopicMetadata, Kafka } from "kafkajs";
import { chunks } from "./batch";
import { createKafka } from "./client";
import { batchedOffsets, perTopicOffsets, type LedPartitions } from "./list-offsets";
import { readGroups } from "./read-groups";
import type { BrokerInfo, CatalogSnapshot, ClusterConnection, ConfigEntry, TopicInfo } from "./types";

export async function describeBrokers(admin: Admin): Promise<{ controllerId: number | null; brokers: BrokerInfo[] }> {
  const c = await admin.describeCluster();
  return {
    controllerId: c.controller ?? null,
    brokers: c.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: null })),
  };
}

// Kafka marks __consumer_offsets, __transaction_state and __share_group_state internal; kafkajs drops
// the flag, and the double-underscore prefix is the convention every internal topic follows.
const isInternalTopic = (name: string) => name.startsWith("__");

/** Who leads each partition, as the metadata says (a partition with no leader has no offsets to read). */
const ledPartitions = (topics: ITopicMetadata[]): LedPartitions[] =>
  topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.filter((p) => p.leader >= 0).map((p) => ({ partition: p.partitionId, leader: p.leader })),
  }));

async function readTopics(kafka: Kafka, admin: Admin, withConfigs: boolean): Promise<TopicInfo[]> {
  const names = await admin.listTopics();
  if (names.length === 0) return [];
  const { topics } = await admin.fetchTopicMetadata({ topics: names });
  const offsets =
    (await batchedOffsets(kafka, ledPartitions(topics), async (stale) =>
      ledPartitions((await admin.fetchTopicMetadata({ topics: stale })).topics),
    ).catch(() => null)) ??
    (await perTopicOffsets(
      admin,
      topics.map((t) => t.name),
    ));
  const configs = new Map<string, ConfigEntry[]>();
  if (withConfigs) {
    for (const batch of chunks(
      topics.map((t) => t.name),
      200,
    )) {
      const res = await admin.describeConfigs({
        includeSynonyms: false,
        resources: batch.map((name) => ({ type: 2 /* TOPIC */, name })),
      });
      for (const r of res.resources) {
        if (r.errorCode !== 0) continue;
        configs.set(
          r.resourceName,
          r.configEntries.map((e) => ({
            name: e.configName,
            value: e.isSensitive ? null : e.configValue,
            isDefault: e.isDefault,
            source: String((e as { configSource?: number }).configSource ?? ""),
            sensitive: e.isSensitive,
          })),
        );
      }
    }
  }
  return topics.map((t) => {
    const off = new Map((offsets.get(t.name) ?? []).map((o) => [o.partition, o]));
    return {
      name: t.name,
      internal: isInternalTopic(t.name),
      partitions: t.partitions
        .map((p) => ({
          partition: p.partitionId,
          leader: p.leader,
          replicas: p.replicas,
          isr: p.isr,
          offlineReplicas: p.offlineReplicas ?? [],
          startOffset: BigInt(off.get(p.partitionId)?.low ?? 0),
          endOffset: BigInt(off.get(p.partitionId)?.high ?? 0),
          stableOffset: BigInt(off.get(p.partitionId)?.stable ?? off.get(p.partitionId)?.high ?? 0),
        }))
        .sort((a, b) => a.partition - b.partition),
      configs: configs.get(t.name),
    };
  });
}

/** One consistent read of what the catalog shows: brokers, topics (+ configs when asked), groups. */
export async function readCatalog(conn: ClusterConnection, opts: { withConfigs: boolean }): Promise<CatalogSnapshot> {
  const kafka = createKafka(conn);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { controllerId, brokers } = await describeBrokers(admin);
    const topics = await readTopics(kafka, admin, opts.withConfigs);
    // Groups fail on their own (a coordinator loading its state after a broker restart answers
    // COORDINATOR_LOAD_IN_PROGRESS for a while): that must not hide the topics nor, worse, read as
    // "every group is gone".
    try {
      return { controllerId, brokers, topics, groups: await readGroups(kafka, admin), warning: null };
    } catch (e) {
      return { controllerId, brokers, topics, groups: null, warning: `consumer groups not read: ${(e as Error).message}` };
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

// The only place outside collectors/ that imports kafkajs: everything else sees plain data, so the
// client library can be swapped (kafkajs has been looking for maintainers since 2023).
import { AssignerProtocol, Kafka, logLevel, type Admin, type KafkaConfig, type SASLOptions } from "kafkajs";

export interface ClusterConnection {
  bootstrapServers: string[];
  clientId: string;
  tls: boolean;
  sasl?: { mechanism: "plain" | "scram-sha-256" | "scram-sha-512"; username: string; password: string };
}

export interface BrokerInfo { nodeId: number; host: string; port: number; rack: string | null }
export interface PartitionInfo {
  partition: number; leader: number; replicas: number[]; isr: number[]; offlineReplicas: number[];
  startOffset: bigint; endOffset: bigint;
}
export interface ConfigEntry { name: string; value: string | null; isDefault: boolean; source: string; sensitive: boolean }
export interface TopicInfo { name: string; internal: boolean; partitions: PartitionInfo[]; configs?: ConfigEntry[] }
export interface GroupMemberInfo {
  memberId: string; clientId: string; host: string; assignments: { topic: string; partitions: number[] }[];
}
export interface GroupInfo {
  groupId: string; state: string; protocolType: string | null; protocol: string | null;
  members: GroupMemberInfo[]; offsets: { topic: string; partition: number; committed: bigint }[];
}
export interface CatalogSnapshot {
  controllerId: number | null; brokers: BrokerInfo[]; topics: TopicInfo[]; groups: GroupInfo[];
}

export function createKafka(conn: ClusterConnection, opts: { connectionTimeoutMs?: number; retries?: number } = {}): Kafka {
  const config: KafkaConfig = {
    clientId: conn.clientId,
    brokers: conn.bootstrapServers,
    ssl: conn.tls,
    connectionTimeout: opts.connectionTimeoutMs ?? 3_000,
    requestTimeout: 30_000,
    retry: { retries: opts.retries ?? 2, initialRetryTime: 200, maxRetryTime: 2_000 },
    logLevel: logLevel.NOTHING,
  };
  if (conn.sasl) config.sasl = { ...conn.sasl } as SASLOptions;
  return new Kafka(config);
}

export async function withAdmin<T>(conn: ClusterConnection, fn: (admin: Admin) => Promise<T>, opts?: { retries?: number }): Promise<T> {
  const admin = createKafka(conn, opts).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export async function describeBrokers(admin: Admin): Promise<{ controllerId: number | null; brokers: BrokerInfo[] }> {
  const c = await admin.describeCluster();
  return {
    controllerId: c.controller ?? null,
    brokers: c.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: null })),
  };
}

/** Runs fn over items with at most `limit` in flight. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  });
  await Promise.all(workers);
  return out;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// Kafka marks __consumer_offsets, __transaction_state and __share_group_state internal; kafkajs drops
// the flag, and the double-underscore prefix is the convention every internal topic follows.
const isInternalTopic = (name: string) => name.startsWith("__");

async function readTopics(admin: Admin, withConfigs: boolean): Promise<TopicInfo[]> {
  const names = await admin.listTopics();
  if (names.length === 0) return [];
  const { topics } = await admin.fetchTopicMetadata({ topics: names });
  const offsets = await mapLimit(topics, 16, async (t) => {
    try {
      return await admin.fetchTopicOffsets(t.name);
    } catch {
      return null; // deleted between list and fetch, or leader moving: the next sync catches up
    }
  });
  const configs = new Map<string, ConfigEntry[]>();
  if (withConfigs) {
    for (const batch of chunks(topics.map((t) => t.name), 200)) {
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
  return topics.map((t, i) => {
    const off = new Map((offsets[i] ?? []).map((o) => [o.partition, o]));
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
        }))
        .sort((a, b) => a.partition - b.partition),
      configs: configs.get(t.name),
    };
  });
}

function decodeAssignment(buf: Buffer | undefined): { topic: string; partitions: number[] }[] {
  if (!buf || buf.length === 0) return [];
  try {
    const decoded = AssignerProtocol.MemberAssignment.decode(buf);
    return Object.entries(decoded?.assignment ?? {}).map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }));
  } catch {
    return []; // not the consumer protocol's encoding (e.g. Connect); members still show
  }
}

async function readGroups(admin: Admin): Promise<GroupInfo[]> {
  const listed = await admin.listGroups();
  if (listed.groups.length === 0) return [];
  const described = new Map<string, Awaited<ReturnType<Admin["describeGroups"]>>["groups"][number]>();
  for (const batch of chunks(listed.groups.map((g) => g.groupId), 100)) {
    const { groups } = await admin.describeGroups(batch);
    for (const g of groups) described.set(g.groupId, g);
  }
  return mapLimit(listed.groups, 16, async (g) => {
    const d = described.get(g.groupId);
    let offsets: GroupInfo["offsets"] = [];
    try {
      const res = await admin.fetchOffsets({ groupId: g.groupId });
      offsets = res.flatMap((t) =>
        t.partitions
          .filter((p) => p.offset !== "-1")
          .map((p) => ({ topic: t.topic, partition: p.partition, committed: BigInt(p.offset) })),
      );
    } catch {
      offsets = [];
    }
    return {
      groupId: g.groupId,
      state: d?.state ?? "Unknown",
      protocolType: d?.protocolType || g.protocolType || null,
      protocol: d?.protocol || null,
      members: (d?.members ?? []).map((m) => ({
        memberId: m.memberId,
        clientId: m.clientId,
        host: m.clientHost.replace(/^\//, ""),
        assignments: decodeAssignment(m.memberAssignment),
      })),
      offsets,
    };
  });
}

/** One consistent read of what the catalog shows: brokers, topics (+ configs when asked), groups. */
export async function readCatalog(conn: ClusterConnection, opts: { withConfigs: boolean }): Promise<CatalogSnapshot> {
  return withAdmin(conn, async (admin) => {
    const { controllerId, brokers } = await describeBrokers(admin);
    const topics = await readTopics(admin, opts.withConfigs);
    const groups = await readGroups(admin);
    return { controllerId, brokers, topics, groups };
  });
}

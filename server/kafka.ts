// The only place outside collectors/ that imports kafkajs: everything else sees plain data, so the
// client library can be swapped (kafkajs has been looking for maintainers since 2023).
import { AssignerProtocol, Kafka, logLevel, type Admin, type KafkaConfig, type SASLOptions } from "kafkajs";

export interface ClusterConnection {
  bootstrapServers: string[];
  clientId: string;
  tls: boolean;
  sasl?: { mechanism: "plain" | "scram-sha-256" | "scram-sha-512"; username: string; password: string };
}

export interface BrokerInfo {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}
export interface PartitionInfo {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  startOffset: bigint;
  endOffset: bigint;
  /** last stable offset: where a read_committed consumer stops while a transaction is open (= endOffset otherwise) */
  stableOffset: bigint;
}
export interface ConfigEntry {
  name: string;
  value: string | null;
  isDefault: boolean;
  source: string;
  sensitive: boolean;
}
export interface TopicInfo {
  name: string;
  internal: boolean;
  partitions: PartitionInfo[];
  configs?: ConfigEntry[];
}
export interface GroupMemberInfo {
  memberId: string;
  clientId: string;
  host: string;
  assignments: { topic: string; partitions: number[] }[];
}
export interface GroupInfo {
  groupId: string;
  state: string;
  protocolType: string | null;
  protocol: string | null;
  members: GroupMemberInfo[];
  /** null when they could not be read this time (coordinator loading or moving): keep what we had. */
  offsets: { topic: string; partition: number; committed: bigint }[] | null;
}
export interface CatalogSnapshot {
  controllerId: number | null;
  brokers: BrokerInfo[];
  topics: TopicInfo[];
  /** null when the group coordinator could not answer this time (e.g. still loading after a restart). */
  groups: GroupInfo[] | null;
  /** Why part of the snapshot is missing, for the cluster's status line. */
  warning: string | null;
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

interface PartitionOffsets {
  partition: number;
  low: string;
  high: string;
  stable: string;
}

// kafkajs's public admin API lists offsets one topic at a time (two requests per topic): minutes for a
// 10,000-topic cluster. Its internal cluster object batches any number of topics into one ListOffsets
// request per broker. kafkajs 2.2.4 is pinned and frozen, so reaching it by its symbol is stable; if
// the internals ever differ, we fall back to the public per-topic call.
interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  fetchTopicsOffset(
    topics: { topic: string; fromBeginning: boolean; partitions: { partition: number }[] }[],
  ): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
}

// isolationLevel 0 (READ_UNCOMMITTED) answers the log-end offset, as kafka-topics and
// kafka-consumer-groups show it; 1 (READ_COMMITTED) answers the last stable offset.
function internalCluster(kafka: Kafka, isolationLevel: 0 | 1): InternalCluster | null {
  const key = Object.getOwnPropertySymbols(kafka).find((s) => s.description === "private:Kafka:createCluster");
  const create = key ? (kafka as unknown as Record<symbol, unknown>)[key] : undefined;
  return typeof create === "function" ? (create({ allowAutoTopicCreation: false, isolationLevel }) as InternalCluster) : null;
}

async function batchedOffsets(
  kafka: Kafka,
  topics: { name: string; partitions: number[] }[],
): Promise<Map<string, PartitionOffsets[]> | null> {
  const cluster = internalCluster(kafka, 0);
  const committed = internalCluster(kafka, 1);
  if (!cluster || !committed || typeof cluster.fetchTopicsOffset !== "function") return null;
  await Promise.all([cluster.connect(), committed.connect()]);
  try {
    const names = topics.map((t) => t.name);
    await Promise.all([cluster.addMultipleTargetTopics(names), committed.addMultipleTargetTopics(names)]);
    const out = new Map<string, PartitionOffsets[]>();
    for (const batch of chunks(
      topics.filter((t) => t.partitions.length > 0),
      1_000,
    )) {
      const request = (fromBeginning: boolean) =>
        batch.map((t) => ({ topic: t.name, fromBeginning, partitions: t.partitions.map((partition) => ({ partition })) }));
      const [high, low, stable] = await Promise.all([
        cluster.fetchTopicsOffset(request(false)),
        cluster.fetchTopicsOffset(request(true)),
        committed.fetchTopicsOffset(request(false)),
      ]);
      const byTopic = (rows: typeof low) => new Map(rows.map((t) => [t.topic, new Map(t.partitions.map((p) => [p.partition, p.offset]))]));
      const lows = byTopic(low);
      const stables = byTopic(stable);
      for (const t of high) {
        out.set(
          t.topic,
          t.partitions.map((p) => ({
            partition: p.partition,
            high: p.offset,
            low: lows.get(t.topic)?.get(p.partition) ?? "0",
            stable: stables.get(t.topic)?.get(p.partition) ?? p.offset,
          })),
        );
      }
    }
    return out;
  } finally {
    await Promise.all([cluster.disconnect().catch(() => undefined), committed.disconnect().catch(() => undefined)]);
  }
}

async function perTopicOffsets(admin: Admin, names: string[]): Promise<Map<string, PartitionOffsets[]>> {
  const offsets = await mapLimit(names, 16, async (name) => {
    try {
      return [name, await admin.fetchTopicOffsets(name)] as const;
    } catch {
      return [name, []] as const; // deleted between list and fetch, or leader moving: the next sync catches up
    }
  });
  // This fallback asks for one offset per partition; it does not tell the stable offset apart.
  return new Map(offsets.map(([n, o]) => [n, o.map((p) => ({ partition: p.partition, low: p.low, high: p.high, stable: p.high }))]));
}

async function readTopics(kafka: Kafka, admin: Admin, withConfigs: boolean): Promise<TopicInfo[]> {
  const names = await admin.listTopics();
  if (names.length === 0) return [];
  const { topics } = await admin.fetchTopicMetadata({ topics: names });
  const offsets =
    (await batchedOffsets(
      kafka,
      topics.map((t) => ({ name: t.name, partitions: t.partitions.filter((p) => p.leader >= 0).map((p) => p.partitionId) })),
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

function decodeAssignment(buf: Buffer | undefined): { topic: string; partitions: number[] }[] {
  if (!buf || buf.length === 0) return [];
  try {
    const decoded = AssignerProtocol.MemberAssignment.decode(buf);
    return Object.entries(decoded?.assignment ?? {}).map(([topic, partitions]) => ({
      topic,
      partitions: [...partitions].sort((a, b) => a - b),
    }));
  } catch {
    return []; // not the consumer protocol's encoding (e.g. Connect); members still show
  }
}

// readRecord's throw-away groups live for a second; they are Eventplane's, not the user's.
const PEEK_GROUP_PREFIX = "eventplane-peek-";

async function readGroups(admin: Admin): Promise<GroupInfo[]> {
  const all = await admin.listGroups();
  const listed = { groups: all.groups.filter((g) => !g.groupId.startsWith(PEEK_GROUP_PREFIX)) };
  if (listed.groups.length === 0) return [];
  const described = new Map<string, Awaited<ReturnType<Admin["describeGroups"]>>["groups"][number]>();
  for (const batch of chunks(
    listed.groups.map((g) => g.groupId),
    100,
  )) {
    const { groups } = await admin.describeGroups(batch);
    for (const g of groups) described.set(g.groupId, g);
  }
  return mapLimit(listed.groups, 16, async (g) => {
    const d = described.get(g.groupId);
    let offsets: GroupInfo["offsets"] = null;
    try {
      const res = await admin.fetchOffsets({ groupId: g.groupId });
      offsets = res.flatMap((t) =>
        t.partitions.filter((p) => p.offset !== "-1").map((p) => ({ topic: t.topic, partition: p.partition, committed: BigInt(p.offset) })),
      );
    } catch {
      offsets = null;
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
      return { controllerId, brokers, topics, groups: await readGroups(admin), warning: null };
    } catch (e) {
      return { controllerId, brokers, topics, groups: null, warning: `consumer groups not read: ${(e as Error).message}` };
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export interface RawRecord {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer[]>;
}

/**
 * Records of one topic by offset range, through a throw-away consumer group (kafkajs can only fetch
 * through a group; it never commits and is deleted afterwards). Each range is read from `from` until
 * `to` (exclusive), or only its first record with `firstOnly`. Stops at `timeoutMs` with what it has.
 */
async function peek(
  kafka: Kafka,
  topic: string,
  ranges: { partition: number; from: bigint; to: bigint }[],
  opts: { timeoutMs: number; firstOnly?: boolean },
): Promise<RawRecord[]> {
  const groupId = `${PEEK_GROUP_PREFIX}${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const pending = new Map(ranges.filter((r) => r.to > r.from).map((r) => [r.partition, r]));
  const out: RawRecord[] = [];
  if (!pending.size) return out;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250, allowAutoTopicCreation: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: false });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, opts.timeoutMs);
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const range = pending.get(batch.partition);
            if (!range) return;
            for (const m of batch.messages) {
              const o = BigInt(m.offset);
              if (o < range.from || o >= range.to) continue;
              const headers: Record<string, Buffer[]> = {};
              for (const [k, v] of Object.entries(m.headers ?? {})) {
                const list = (Array.isArray(v) ? v : [v]).filter((x): x is Buffer | string => x !== undefined);
                headers[k] = list.map((x) => (Buffer.isBuffer(x) ? x : Buffer.from(x)));
              }
              out.push({
                topic,
                partition: batch.partition,
                offset: m.offset,
                timestamp: m.timestamp,
                key: m.key,
                value: m.value,
                headers,
              });
              if (opts.firstOnly) break;
            }
            // Compacted logs skip offsets: a range is done once the batch has passed its last offset.
            if (opts.firstOnly ? out.some((r) => r.partition === batch.partition) : BigInt(batch.lastOffset()) >= range.to - 1n)
              pending.delete(batch.partition);
            if (!pending.size) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
      // Seek on every group join, not once after run(): a consumer that crashes while joining (a
      // coordinator still loading, say) restarts by itself, and would then start from the log end.
      consumer.on(consumer.events.GROUP_JOIN, () => {
        for (const r of pending.values()) consumer.seek({ topic, partition: r.partition, offset: r.from.toString() });
      });
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await deleteGroup(kafka, groupId);
  }
  return out;
}

async function deleteGroup(kafka: Kafka, groupId: string) {
  const admin = kafka.admin();
  await admin.connect().catch(() => undefined);
  await admin.deleteGroups([groupId]).catch(() => undefined);
  await admin.disconnect().catch(() => undefined);
}

export type ReadRecordResult =
  { status: "ok"; record: RawRecord } | { status: "out-of-range"; low: string; high: string } | { status: "timeout" };

/**
 * One record by topic/partition/offset, for "open the record" links. An offset outside the log
 * (before its start: retention; at or past its end) is answered from the partition's offsets
 * without fetching. Compacted logs may skip the offset: the next record after it is what is there.
 */
export async function readRecord(
  conn: ClusterConnection,
  topic: string,
  partition: number,
  offset: string,
  timeoutMs = 20_000,
): Promise<ReadRecordResult> {
  const kafka = createKafka(conn);
  const p = await withAdmin(conn, async (admin) => (await admin.fetchTopicOffsets(topic)).find((o) => o.partition === partition));
  if (!p || BigInt(offset) < BigInt(p.low) || BigInt(offset) >= BigInt(p.high))
    return { status: "out-of-range", low: p?.low ?? "0", high: p?.high ?? "0" };
  const [record] = await peek(kafka, topic, [{ partition, from: BigInt(offset), to: BigInt(p.high) }], { timeoutMs, firstOnly: true });
  return record ? { status: "ok", record } : { status: "timeout" };
}

/** The newest `perPartition` records of every partition of a topic (a dead-letter queue's recent failures). */
export async function readTail(conn: ClusterConnection, topic: string, perPartition: number, timeoutMs = 20_000): Promise<RawRecord[]> {
  const offsets = await withAdmin(conn, (admin) => admin.fetchTopicOffsets(topic));
  const ranges = offsets.map((o) => {
    const high = BigInt(o.high);
    const low = BigInt(o.low);
    const from = high - BigInt(perPartition) > low ? high - BigInt(perPartition) : low;
    return { partition: o.partition, from, to: high };
  });
  return peek(createKafka(conn), topic, ranges, { timeoutMs });
}

export type OutgoingRecord = { key: Buffer | null; value: Buffer | null; headers: Record<string, Buffer | string> };

/** Produces records to a topic, at most `perSecond` per second (a redrive must not flood a consumer that just recovered). */
export async function produceRecords(conn: ClusterConnection, topic: string, records: OutgoingRecord[], perSecond = 50): Promise<void> {
  const producer = createKafka(conn).producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (let i = 0; i < records.length; i += perSecond) {
      const started = Date.now();
      await producer.send({ topic, acks: -1, messages: records.slice(i, i + perSecond) });
      const rest = 1_000 - (Date.now() - started);
      if (i + perSecond < records.length && rest > 0) await new Promise((r) => setTimeout(r, rest));
    }
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

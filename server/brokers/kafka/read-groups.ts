// Consumer groups for the catalog: state, members with their assignments, committed offsets.
import { AssignerProtocol, type Admin, type GroupDescription, type Kafka } from "kafkajs";
import { chunks, mapLimit } from "./batch";
import { createInternalCluster } from "./internal-cluster";
import { PEEK_GROUP_PREFIX } from "./records";
import type { GroupInfo } from "./types";

type Listed = { groupId: string; protocolType: string };
type Committed = { topic: string; partitions: { partition: number; offset: string }[] }[];

// kafkajs's admin asks for each group's coordinator before each describe and each offset fetch: three
// requests a group, 60,000 for 20,000 groups. Every broker lists the groups it coordinates, so its
// internal cluster can ask each broker about its own groups: describes in batches, one offset fetch
// a group. (See internal-cluster.ts for why reaching it is stable.)
interface CoordinatorBroker {
  listGroups(): Promise<{ groups: Listed[] }>;
  describeGroups(request: { groupIds: string[] }): Promise<{ groups: GroupDescription[] }>;
  offsetFetch(request: { groupId: string; topics: [] }): Promise<{ responses: Committed }>;
}
interface GroupsCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  getNodeIds(): string[];
  findBroker(request: { nodeId: string }): Promise<CoordinatorBroker>;
}

/** The committed offsets kafka-consumer-groups shows; -1 means none for that partition. */
const committedOffsets = (topics: Committed): NonNullable<GroupInfo["offsets"]> =>
  topics.flatMap((t) =>
    t.partitions.filter((p) => p.offset !== "-1").map((p) => ({ topic: t.topic, partition: p.partition, committed: BigInt(p.offset) })),
  );

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

function groupInfo(g: Listed, d: GroupDescription | undefined, offsets: GroupInfo["offsets"]): GroupInfo {
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
}

/** Describes the listed groups 100 a request, one request at a time. */
async function describeInBatches(listed: Listed[], describe: (groupIds: string[]) => Promise<{ groups: GroupDescription[] }>) {
  const described = new Map<string, GroupDescription>();
  for (const batch of chunks(
    listed.map((g) => g.groupId),
    100,
  )) {
    for (const d of (await describe(batch)).groups) described.set(d.groupId, d);
  }
  return described;
}

const ours = (g: Listed) => !g.groupId.startsWith(PEEK_GROUP_PREFIX);

/** Each broker about the groups it coordinates; null when kafkajs's internals are not there. Throws when
 *  a broker refuses (a coordinator loading, a group moving): the caller asks through the admin instead. */
export async function readGroupsByCoordinator(kafka: Kafka): Promise<GroupInfo[] | null> {
  const cluster = createInternalCluster<GroupsCluster>(kafka, 0);
  if (!cluster || typeof cluster.getNodeIds !== "function" || typeof cluster.findBroker !== "function") return null;
  await cluster.connect();
  try {
    await cluster.refreshMetadata();
    const perBroker = await Promise.all(
      cluster.getNodeIds().map(async (nodeId) => {
        const broker = await cluster.findBroker({ nodeId });
        const listed = (await broker.listGroups()).groups.filter(ours);
        const described = await describeInBatches(listed, (groupIds) => broker.describeGroups({ groupIds }));
        return listed.map((g) => ({ g, d: described.get(g.groupId), broker }));
      }),
    );
    // While a group's coordinator moves, the old and the new broker may both list it: it is read once.
    const once = new Map(perBroker.flat().map((x) => [x.g.groupId, x]));
    return await mapLimit([...once.values()], 16, async ({ g, d, broker }) => {
      let offsets: GroupInfo["offsets"] = null;
      try {
        offsets = committedOffsets((await broker.offsetFetch({ groupId: g.groupId, topics: [] })).responses);
      } catch {
        offsets = null; // coordinator loading or moving: the stored offsets stand until the next read
      }
      return groupInfo(g, d, offsets);
    });
  } finally {
    await cluster.disconnect().catch(() => undefined);
  }
}

/** The public admin API's way: kafkajs finds each group's coordinator, and retries. */
async function readGroupsByAdmin(admin: Admin): Promise<GroupInfo[]> {
  const listed = [...new Map((await admin.listGroups()).groups.filter(ours).map((g) => [g.groupId, g])).values()];
  const described = await describeInBatches(listed, (groupIds) => admin.describeGroups(groupIds));
  return mapLimit(listed, 16, async (g) => {
    let offsets: GroupInfo["offsets"] = null;
    try {
      const res = await admin.fetchOffsets({ groupId: g.groupId });
      offsets = committedOffsets(res.map((t) => ({ topic: t.topic, partitions: t.partitions })));
    } catch {
      offsets = null;
    }
    return groupInfo(g, described.get(g.groupId), offsets);
  });
}

/** `byCoordinator: false` skips straight to the admin's way (a test compares the two). */
export async function readGroups(kafka: Kafka, admin: Admin, opts = { byCoordinator: true }): Promise<GroupInfo[]> {
  const fast = opts.byCoordinator ? await readGroupsByCoordinator(kafka).catch(() => null) : null;
  return fast ?? (await readGroupsByAdmin(admin));
}

import { db } from "@/server/db";
import { DomainError } from "@/server/errors";
import type { ClusterView } from "./cluster-contracts";
import { toTargetConnection, type TargetConnection } from "./cluster-connection";
import { markClusterUnreachable } from "./record-sync";

export async function listClusters(): Promise<ClusterView[]> {
  const rows = await db.cluster.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { brokers: true } } },
  });
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    kind: c.kind as ClusterView["kind"],
    amqpUrl: c.kind === "rabbitmq" ? ((c.options as { amqpUrl?: string }).amqpUrl ?? null) : null,
    bootstrapServers: c.bootstrapServers,
    clientId: c.clientId,
    tls: c.tls,
    saslMechanism: (c.saslMechanism ?? "none") as ClusterView["saslMechanism"],
    saslUsername: c.saslUsername,
    hasPassword: c.saslPasswordEnc !== null,
    source: c.source,
    status: c.status as ClusterView["status"],
    lastError: c.lastError,
    unreachableSince: c.unreachableSince,
    lastSyncAt: c.lastSyncAt,
    lastSyncMs: c.lastSyncMs,
    brokerCount: c._count.brokers,
    topicCount: c.topicCount,
    groupCount: c.groupCount,
  }));
}

export async function getClusterView(id: string): Promise<ClusterView> {
  const found = (await listClusters()).find((c) => c.id === id);
  if (!found) throw new DomainError("NOT_FOUND", "cluster not found", { id });
  return found;
}

export type ClusterTarget = { id: string; name: string } & TargetConnection;

/**
 * For the collector: every cluster with its decrypted connection settings (server-side only). A
 * cluster whose secret cannot be decrypted is left out, and marked unreachable with the reason here,
 * where every worker reads the list: one bad secret must not stop the syncing of all the others.
 */
export async function listClusterTargets(now = new Date()): Promise<ClusterTarget[]> {
  const rows = await db.cluster.findMany({ orderBy: { name: "asc" } });
  const targets: ClusterTarget[] = [];
  for (const c of rows) {
    try {
      targets.push({ id: c.id, name: c.name, ...toTargetConnection(c) });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      if (c.lastError !== e.message) await markClusterUnreachable(c.id, e.message, now);
    }
  }
  return targets;
}

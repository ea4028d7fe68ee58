// What other contexts need to know about connections: names for display, status for health, and
// the decrypted connection settings for reading a broker (server-side only).
import { db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { bindBroker } from "./broker-session";
import { toTargetConnection } from "./cluster-connection";

export interface ClusterRef {
  id: string;
  name: string;
  kind: string;
  status: string;
  lastError: string | null;
  bootstrapServers: string[];
}

/** Every cluster (or the named ids), ordered by name. */
export async function listClusterRefs(ids?: string[]): Promise<ClusterRef[]> {
  return db.cluster.findMany({
    where: ids ? { id: { in: ids } } : {},
    orderBy: { name: "asc" },
    select: { id: true, name: true, kind: true, status: true, lastError: true, bootstrapServers: true },
  });
}

/** id → name, for labelling rows that carry a clusterId. */
export async function clusterNames(ids?: string[]): Promise<Map<string, string>> {
  return new Map((await listClusterRefs(ids)).map((c) => [c.id, c.name]));
}

export async function clusterExists(id: string): Promise<boolean> {
  return (await db.cluster.count({ where: { id } })) === 1;
}

/** A connection's broker, ready to read and send; NOT_FOUND when it was removed. */
export async function clusterConnection(id: string) {
  const c = await db.cluster.findUnique({ where: { id } });
  if (!c) throw new DomainError("NOT_FOUND", "cluster not found", { id });
  return { id: c.id, name: c.name, broker: bindBroker(toTargetConnection(c)) };
}

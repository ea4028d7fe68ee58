// What the collector saw of a connection as a whole: reachable or not, its brokers, how long the
// sync took and how much it found. The catalog itself (topics, groups) belongs to other contexts.
import { db } from "@/server/db";
import type { BrokerInfo } from "@/server/brokers/kafka";

export interface ClusterSync {
  clusterId: string;
  observedAt: Date;
  controllerId: number | null;
  brokers: BrokerInfo[];
  elapsedMs: number;
  topicCount: number;
  /** null when the groups could not be read this time: the previous count stays. */
  groupCount: number | null;
  /** Part of the cluster could not be read (shown with the status; the rest was recorded). */
  warning?: string | null;
}

export async function recordClusterSync(rec: ClusterSync): Promise<void> {
  const { clusterId, observedAt } = rec;
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "Broker" ("clusterId", "nodeId", host, port, rack, "lastSeenAt")
      SELECT ${clusterId}, x."nodeId", x.host, x.port, x.rack, ${observedAt}
      FROM jsonb_to_recordset(${JSON.stringify(rec.brokers)}::jsonb) AS x("nodeId" int, host text, port int, rack text)
      ON CONFLICT ("clusterId", "nodeId") DO UPDATE SET host = EXCLUDED.host, port = EXCLUDED.port, rack = EXCLUDED.rack, "lastSeenAt" = EXCLUDED."lastSeenAt"`;
    await tx.$executeRaw`DELETE FROM "Broker" WHERE "clusterId" = ${clusterId} AND "lastSeenAt" < ${observedAt}`;
    await tx.cluster.update({
      where: { id: clusterId },
      data: {
        status: "OK",
        lastError: rec.warning ?? null,
        unreachableSince: null,
        lastSyncAt: observedAt,
        lastSyncMs: Math.round(rec.elapsedMs),
        controllerId: rec.controllerId,
        topicCount: rec.topicCount,
        ...(rec.groupCount === null ? {} : { groupCount: rec.groupCount }),
      },
    });
  });
}

/** Keeps the first moment it became unreachable, so "since" means since, not "last failed at". */
export async function markClusterUnreachable(clusterId: string, error: string, at: Date): Promise<void> {
  await db.$executeRaw`
    UPDATE "Cluster" SET status = 'UNREACHABLE', "lastError" = ${error.slice(0, 2_000)},
      "unreachableSince" = COALESCE("unreachableSince", ${at}), "updatedAt" = now()
    WHERE id = ${clusterId}`;
}

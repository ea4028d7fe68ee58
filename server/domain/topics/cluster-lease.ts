// Leases decide which worker collects which cluster, so several workers can run side by side and a
// surviving worker takes over the clusters of one that died. Expiry uses the database clock (UTC,
// matching how Prisma stores DateTime), so workers' clocks may disagree.
import { db } from "@/server/db";

/** Takes or renews the lease; false when another worker holds an unexpired one. */
export async function claimClusterLease(clusterId: string, owner: string, ttlMs: number): Promise<boolean> {
  const rows = await db.$queryRaw<{ owner: string }[]>`
    INSERT INTO "ClusterLease" ("clusterId", owner, "expiresAt")
    VALUES (${clusterId}, ${owner}, (now() AT TIME ZONE 'UTC') + ${ttlMs}::int * interval '1 millisecond')
    ON CONFLICT ("clusterId") DO UPDATE SET owner = EXCLUDED.owner, "expiresAt" = EXCLUDED."expiresAt"
      WHERE "ClusterLease".owner = EXCLUDED.owner OR "ClusterLease"."expiresAt" < (now() AT TIME ZONE 'UTC')
    RETURNING owner`;
  return rows.length === 1;
}

/** On a clean shutdown: hand the clusters over at once instead of after the lease expires. */
export async function releaseClusterLeases(owner: string): Promise<void> {
  await db.clusterLease.deleteMany({ where: { owner } });
}

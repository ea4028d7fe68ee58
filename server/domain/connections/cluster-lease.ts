// Leases decide which worker collects which cluster, so several workers can run side by side and a
// surviving worker takes over the clusters of one that died. Time comes from the caller's clock (the
// scheduler's, injectable in tests); workers' clocks need to agree to well within the TTL (30 s by
// default), which NTP gives.
import { db } from "@/server/db";

/** Takes or renews the lease at `now`; false when another worker holds one that has not expired. */
export async function claimClusterLease(clusterId: string, owner: string, ttlMs: number, now = new Date()): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const rows = await db.$queryRaw<{ owner: string }[]>`
    INSERT INTO "ClusterLease" ("clusterId", owner, "expiresAt")
    VALUES (${clusterId}, ${owner}, ${expiresAt})
    ON CONFLICT ("clusterId") DO UPDATE SET owner = EXCLUDED.owner, "expiresAt" = EXCLUDED."expiresAt"
      WHERE "ClusterLease".owner = EXCLUDED.owner OR "ClusterLease"."expiresAt" < ${now}
    RETURNING owner`;
  return rows.length === 1;
}

/** On a clean shutdown: hand the clusters over at once instead of after the lease expires. */
export async function releaseClusterLeases(owner: string): Promise<void> {
  await db.clusterLease.deleteMany({ where: { owner } });
}

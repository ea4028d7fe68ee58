import { db } from "@/server/db";

/** Per cluster: reachable or not, and the last catalog sync's duration and time. */
export async function clusterMetrics() {
  const rows = await db.cluster.findMany({ select: { name: true, status: true, lastSyncAt: true, lastSyncMs: true } });
  return rows.map((c) => ({ cluster: c.name, up: c.status === "OK", lastSyncAt: c.lastSyncAt, lastSyncMs: c.lastSyncMs }));
}

import { db } from "@/server/db";

/** What /api/health reports: the database, and each cluster as the collector last saw it. */
export async function systemHealth() {
  let database: { status: "ok" | "error"; error?: string } = { status: "ok" };
  let clusters: { name: string; status: string; lastSyncAt: Date | null; lastError: string | null; unreachableSince: Date | null }[] = [];
  try {
    await db.$queryRaw`SELECT 1`;
    clusters = await db.cluster.findMany({
      orderBy: { name: "asc" },
      select: { name: true, status: true, lastSyncAt: true, lastError: true, unreachableSince: true },
    });
  } catch (e) {
    database = { status: "error", error: (e as Error).message.split("\n")[0] };
  }
  const status = database.status === "ok" ? (clusters.some((c) => c.status === "UNREACHABLE") ? "degraded" : "ok") : "error";
  return { status, database, clusters };
}

import { authenticate } from "@/server/domain/identity";
import { systemHealth } from "@/server/domain/connections";

/**
 * GET /api/health: 200 while the database answers (clusters may be degraded), 503 when it does not.
 * Load balancers ask without credentials and get the verdict and counts only; cluster names and their
 * errors (which name broker addresses) are for callers who may read the console.
 */
export async function handleHealth(request: Request): Promise<Response> {
  const health = await systemHealth();
  const code = health.database.status === "ok" ? 200 : 503;
  const headers = { "cache-control": "no-store" };
  const auth = await authenticate(request, "read");
  if (auth.ok) return Response.json(health, { status: code, headers });
  return Response.json(
    {
      status: health.status,
      database: { status: health.database.status },
      clusters: { total: health.clusters.length, unreachable: health.clusters.filter((c) => c.status === "UNREACHABLE").length },
    },
    { status: code, headers },
  );
}

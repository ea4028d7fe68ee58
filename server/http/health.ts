import { systemHealth } from "@/server/domain/topics";

/** GET /api/health: 200 while the database answers (clusters may be degraded), 503 when it does not. */
export async function handleHealth(): Promise<Response> {
  const health = await systemHealth();
  return Response.json(health, { status: health.database.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}

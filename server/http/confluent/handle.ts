// Entry point of the Confluent-compatible API: one Request in, one Response out. Path segments
// are split on the raw URL and then URL-decoded once, so a subject may contain an encoded "/".
import { errorResponse, json } from "./wire";
import { matchRoute } from "./routes";

export const BASE_PATH = "/api/schema-registry";

export async function handleSchemaRegistry(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const rest = url.pathname.startsWith(BASE_PATH) ? url.pathname.slice(BASE_PATH.length) : url.pathname;
  let segments: string[];
  try {
    segments = rest
      .split("/")
      .filter((s) => s !== "")
      .map((s) => decodeURIComponent(s));
  } catch {
    return json({ error_code: 404, message: "HTTP 404 Not Found" }, 404);
  }
  const match = matchRoute(request.method, segments);
  if (!match) return json({ error_code: 404, message: "HTTP 404 Not Found" }, 404);
  if ("allowed" in match) {
    return new Response(JSON.stringify({ error_code: 405, message: "HTTP 405 Method Not Allowed" }), {
      status: 405,
      headers: { "content-type": "application/vnd.schemaregistry.v1+json", allow: match.allowed.join(", ") },
    });
  }
  const actor = `api:${request.headers.get("user-agent") ?? "unknown"}`;
  try {
    return await match.route.handler({ request, url, params: match.params, actor });
  } catch (error) {
    return errorResponse(error);
  }
}

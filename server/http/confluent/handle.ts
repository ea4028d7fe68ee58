// Entry point of the Confluent-compatible API: one Request in, one Response out. Path segments
// are split on the raw URL and then URL-decoded once, so a subject may contain an encoded "/".
import type { Actor } from "@/server/domain/identity";
import { registryRequest } from "@/server/domain/schemas";
import { unstorableText } from "@/server/lib/storable-text";
import { guarded } from "../guard";
import { errorResponse, json } from "./wire";
import { matchRoute } from "./routes";

export const BASE_PATH = "/api/schema-registry";

const READS = new Set(["GET", "HEAD"]);
// Confluent's own codes for these: 40101 unauthenticated, 40301 denied, and 42901 for too many requests.
const CODE = { 400: 400, 401: 40101, 403: 40301, 429: 42901 } as const;

const guardedRegistry = guarded(
  (request) => (READS.has(request.method) ? "registry:read" : "registry:write"),
  routeRegistry,
  (r) => json({ error_code: CODE[r.status], message: r.message }, r.status),
);

// Marked on arrival: the registry's answers are at least as new as the moment the request came in.
export const handleSchemaRegistry = (request: Request): Promise<Response> => registryRequest(() => guardedRegistry(request));

async function routeRegistry(request: Request, actor: Actor): Promise<Response> {
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
  // A subject (or any segment) with text PostgreSQL cannot hold names nothing that can exist.
  if (segments.some((s) => unstorableText(s))) return json({ error_code: 404, message: "HTTP 404 Not Found" }, 404);
  const match = matchRoute(request.method, segments);
  if (!match) return json({ error_code: 404, message: "HTTP 404 Not Found" }, 404);
  if ("allowed" in match) {
    return new Response(JSON.stringify({ error_code: 405, message: "HTTP 405 Method Not Allowed" }), {
      status: 405,
      headers: { "content-type": "application/vnd.schemaregistry.v1+json", allow: match.allowed.join(", ") },
    });
  }
  try {
    return await match.route.handler({ request, url, params: match.params, actor });
  } catch (error) {
    return errorResponse(error);
  }
}

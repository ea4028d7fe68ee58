// Every HTTP surface Next mounts (tRPC, registry, OTLP, /metrics, AsyncAPI, health, records), on one real port,
// through the same adapters the route files re-export: for tests of what a caller from outside gets.
import { afterAll, beforeAll } from "vitest";
import { handleAsyncApiExport, handleAsyncApiImport } from "@/server/http/asyncapi";
import { handleSchemaRegistry } from "@/server/http/confluent/handle";
import { handleHealth } from "@/server/http/health";
import { handleMetrics } from "@/server/http/metrics";
import { handleOtlpTraces } from "@/server/http/otlp/handle";
import { messagesGet, messagesPost } from "@/server/http/rest/messages-api";
import { handleExport } from "@/server/http/rest/export";
import { openApiGet } from "@/server/http/rest/openapi";
import { policyCheckPost, policyGet, policyPut } from "@/server/http/rest/policy-api";
import { resetOffsetsPost } from "@/server/http/rest/reset-offsets-api";
import { handleSearchStream } from "@/server/http/rest/search-stream";
import { handleTrpc } from "@/server/http/trpc";
import { serveHandler } from "./serve-handler";

export function route(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  if (path.startsWith("/api/trpc/")) return handleTrpc(request);
  if (path.startsWith("/api/schema-registry")) return handleSchemaRegistry(request);
  if (path === "/v1/traces") return handleOtlpTraces(request);
  if (path === "/metrics") return handleMetrics(request);
  if (path === "/api/asyncapi") return request.method === "POST" ? handleAsyncApiImport(request) : handleAsyncApiExport(request);
  if (path === "/api/health") return handleHealth(request);
  if (path === "/api/records/search") return handleSearchStream(request);
  if (path === "/api/records/export") return handleExport(request);
  if (path === "/api/v1/openapi.json") return Promise.resolve(openApiGet(request));
  if (path === "/api/policy") return request.method === "PUT" ? policyPut(request) : policyGet(request);
  if (path === "/api/policy/check") return policyCheckPost(request);
  // Next decodes dynamic segments before handing them over; so does this.
  const messages = /^\/api\/v1\/clusters\/([^/]+)\/topics\/([^/]+)\/messages$/.exec(path);
  if (messages)
    return (request.method === "POST" ? messagesPost : messagesGet)(request, {
      params: Promise.resolve({ cluster: decodeURIComponent(messages[1]!), topic: decodeURIComponent(messages[2]!) }),
    });
  const reset = /^\/api\/v1\/clusters\/([^/]+)\/consumer-groups\/([^/]+)\/reset-offsets$/.exec(path);
  if (reset)
    return resetOffsetsPost(request, {
      params: Promise.resolve({ cluster: decodeURIComponent(reset[1]!), group: decodeURIComponent(reset[2]!) }),
    });
  return Promise.resolve(new Response("not found", { status: 404 }));
}

export function useAppServer(): { url: string } {
  const holder = { url: "" };
  let close = async () => {};
  beforeAll(async () => {
    const server = await serveHandler(route);
    holder.url = server.url;
    close = server.close;
  });
  afterAll(() => close());
  return holder;
}

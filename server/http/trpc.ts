// The tRPC endpoint, with the limits tRPC leaves to its host: JSON bodies only (an HTML form on another
// site can post multipart or text, never application/json without CORS), at most 2 MB (a schema text
// is the largest input), and at most 25 calls per batch.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { BodyTooLargeError, readBoundedBody, mediaType } from "./read-body";

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const MAX_BATCH = 25;

const error = (status: number, message: string) => Response.json({ error: { message } }, { status });

export async function handleTrpc(request: Request): Promise<Response> {
  let req = request;
  if (request.method !== "GET" && request.method !== "HEAD") {
    const type = mediaType(request.headers.get("content-type"));
    if (type !== "application/json") return error(415, "tRPC calls are JSON (content-type: application/json)");
    try {
      const body = await readBoundedBody(request, MAX_BODY_BYTES);
      req = new Request(request.url, { method: request.method, headers: request.headers, body: new Uint8Array(body) });
    } catch (e) {
      if (e instanceof BodyTooLargeError) return error(413, e.message);
      throw e;
    }
  }
  return fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext, maxBatchSize: MAX_BATCH });
}

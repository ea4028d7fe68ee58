// Node's http request and response as the fetch Request and Response our wire handlers take: the web
// server answers the wire protocols (Confluent REST, OTLP) with them directly, ahead of Next, and the
// tests serve handlers the same way.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

/** `origin`: scheme and host the request came to ("http://127.0.0.1:3000"). */
export function toFetchRequest(req: IncomingMessage, origin: string): Request {
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return new Request(`${origin}${req.url ?? "/"}`, {
    method: req.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
  } as RequestInit);
}

export async function sendFetchResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of response.headers) headers[name] = name in headers ? [headers[name]!, value].flat() : value;
  const setCookies = response.headers.getSetCookie();
  if (setCookies.length) headers["set-cookie"] = setCookies;
  res.writeHead(response.status, headers);
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}

/** A handler's throw is a 500, as Next answers it, never a hung connection. */
export async function answer(req: IncomingMessage, res: ServerResponse, origin: string, handler: (r: Request) => Promise<Response>) {
  const response = await handler(toFetchRequest(req, origin)).catch((error: unknown) => {
    console.error("[web] unhandled", error);
    return new Response("internal error", { status: 500 });
  });
  await sendFetchResponse(res, response);
}

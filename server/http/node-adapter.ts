// Node's http request and response as the fetch Request and Response our wire handlers take: the web
// server answers the wire protocols (Confluent REST, OTLP) with them directly, ahead of Next, and the
// tests serve handlers the same way.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { keepRequestBody, keptResponseText } from "./lean-bodies";

/** Bodies up to this size are read whole before the handler runs (nearly every registry and OTLP request). */
const BUFFERED_BODY_BYTES = 1 << 20;

/**
 * The body as one buffer when it ends within BUFFERED_BODY_BYTES: a web stream over node's stream
 * costs more per request than a small registry call does. A longer body is handed on as a stream
 * (what was read, then the rest), so the handler's own limit still decides what is too large.
 */
function readBody(req: IncomingMessage): Promise<Buffer | ReadableStream<Uint8Array>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size <= BUFFERED_BODY_BYTES) return;
      stop();
      req.pause();
      resolve(Readable.toWeb(Readable.from(rest(chunks, req))) as ReadableStream<Uint8Array>);
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    req.on("data", onData).on("end", onEnd).on("error", onError);
  });
}

async function* rest(read: Buffer[], req: IncomingMessage): AsyncGenerator<Uint8Array> {
  yield* read;
  for await (const chunk of req) yield chunk as Buffer;
}

/** `origin`: scheme and host the request came to ("http://127.0.0.1:3000"). */
export async function toFetchRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const body = hasBody ? await readBody(req) : undefined;
  const url = `${origin}${req.url ?? "/"}`;
  // A body read whole travels beside the Request (lean-bodies.ts), not as a stream inside it.
  if (body instanceof Buffer) return keepRequestBody(new Request(url, { method: req.method, headers }), body);
  return new Request(url, { method: req.method, headers, ...(body === undefined ? {} : { body, duplex: "half" }) } as RequestInit);
}

export async function sendFetchResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of response.headers) headers[name] = name in headers ? [headers[name]!, value].flat() : value;
  const setCookies = response.headers.getSetCookie();
  if (setCookies.length) headers["set-cookie"] = setCookies;
  res.writeHead(response.status, headers);
  const text = keptResponseText(response);
  if (text !== undefined) res.end(text);
  else res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}

/** A handler's throw is a 500, as Next answers it, never a hung connection. */
export async function answer(req: IncomingMessage, res: ServerResponse, origin: string, handler: (r: Request) => Promise<Response>) {
  let request: Request;
  try {
    request = await toFetchRequest(req, origin);
  } catch {
    // The client went away while sending its body: nobody is left to answer.
    res.destroy();
    return;
  }
  const response = await handler(request).catch((error: unknown) => {
    console.error("[web] unhandled", error);
    return new Response("internal error", { status: 500 });
  });
  await sendFetchResponse(res, response);
}

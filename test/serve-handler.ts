// Serves a fetch-style handler over a real HTTP port, so tests use real HTTP clients against the
// same adapter Next mounts (the Next route file is a one-line re-export of it).
import { createServer, type Server } from "node:http";
import { Readable } from "node:stream";

export async function serveHandler(
  handler: (request: Request) => Promise<Response>,
  port = 0,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
    } as RequestInit);
    // As Next does: an error the handler throws is a 500, not a hung connection.
    const response = await handler(request).catch((error: unknown) => {
      console.error("[serve-handler] unhandled", error);
      return new Response("internal error", { status: 500 });
    });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// Serves a fetch-style handler over a real HTTP port, so tests use real HTTP clients against the
// same adapter Next mounts (the Next route file is a one-line re-export of it), through the node
// adapter the web server uses for the wire protocols.
import { createServer, type Server } from "node:http";
import { answer } from "@/server/http/node-adapter";

export async function serveHandler(
  handler: (request: Request) => Promise<Response>,
  port = 0,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => void answer(req, res, `http://${req.headers.host}`, handler));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

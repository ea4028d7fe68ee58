// A real HTTP server standing in for a team's webhook receiver: records every request (headers and
// body) and answers as the test tells it to (status code, or hang until released).
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";

export type Received = { headers: IncomingHttpHeaders; body: string; at: number };
export type Answer = number | "hang";

export async function startReceiver(port = 0, answer: (n: number) => Answer = () => 200) {
  const received: Received[] = [];
  const hanging: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      const a = answer(received.length);
      if (a === "hang") hanging.push(() => res.destroy());
      else res.writeHead(a, { "content-type": "text/plain" }).end(a < 300 ? "ok" : "nope");
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`,
    port: (server.address() as { port: number }).port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        hanging.forEach((release) => release());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls until `check` returns a value (not undefined/false), or fails after `ms`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  ms: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

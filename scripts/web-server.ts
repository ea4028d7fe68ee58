// The web process: Next behind a server of ours, for two things `next start` cannot do. It decides
// which X-Forwarded-* headers to believe (only those of EVENTPLANE_TRUSTED_PROXIES; anyone else's
// are dropped, so the address that rate limits and the audit log see is the real peer's, not one a
// client wrote), and it listens with TLS when EVENTPLANE_TLS_CERT and EVENTPLANE_TLS_KEY are set.
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { resolve } from "node:path";
import next from "next";
import { env } from "@/env";

const dev = process.argv.includes("--dev");
const root = resolve(import.meta.dirname, "..");
const trusted = new Set(
  (env.EVENTPLANE_TRUSTED_PROXIES ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean),
);
const FORWARDED = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

const app = next({ dev, dir: root, hostname: env.HOST, port: env.PORT });
const handle = app.getRequestHandler();
await app.prepare();

function onRequest(req: IncomingMessage, res: ServerResponse) {
  const peer = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
  // Next fills these from the socket when they are absent: removing a stranger's makes Next tell the truth.
  if (!trusted.has(peer)) for (const h of FORWARDED) delete req.headers[h];
  void handle(req, res);
}

const tls = env.EVENTPLANE_TLS_CERT && env.EVENTPLANE_TLS_KEY;
const server = tls
  ? createHttpsServer({ cert: readFileSync(env.EVENTPLANE_TLS_CERT!), key: readFileSync(env.EVENTPLANE_TLS_KEY!) }, onRequest)
  : createHttpServer(onRequest);
server.listen(env.PORT, env.HOST, () => console.log(`[web] listening on ${tls ? "https" : "http"}://${env.HOST}:${env.PORT}`));

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  });

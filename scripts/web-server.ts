// The web process: Next behind a server of ours, for two things `next start` cannot do. It decides
// which X-Forwarded-* headers to believe (only those of EVENTPLANE_TRUSTED_PROXIES; anyone else's
// are dropped, so the address that rate limits and the audit log see is the real peer's, not one a
// client wrote), and it listens with TLS when EVENTPLANE_TLS_CERT and EVENTPLANE_TLS_KEY are set.
// The wire protocols that clients call all day (the Confluent REST API of serializers, OTLP of
// exporters) are answered by their handlers directly, ahead of Next: the same handlers the Next routes
// re-export, without the framework's per-request cost (npm run bench -- registry measures both).
import cluster from "node:cluster";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { resolve } from "node:path";
import next from "next";
import { env } from "@/env";
import { answer } from "@/server/http/node-adapter";
import { handleSchemaRegistry } from "@/server/http/confluent/handle";
import { handleOtlpTraces } from "@/server/http/otlp/handle";

const dev = process.argv.includes("--dev");
const root = resolve(import.meta.dirname, "..");
const trusted = new Set(
  (env.EVENTPLANE_TRUSTED_PROXIES ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean),
);
const FORWARDED = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

// EVENTPLANE_WEB_PROCESSES > 1: this process only shares the port between that many copies of itself
// (node:cluster hands each connection to one) and replaces one that dies; each copy runs Next.
const copies = dev ? 1 : env.EVENTPLANE_WEB_PROCESSES;
if (copies > 1 && cluster.isPrimary) {
  shareThePort(copies);
} else {
  await serve();
}

function shareThePort(count: number) {
  let stopping = false;
  const startedAt = new Map<number, number>();
  const fork = () => startedAt.set(cluster.fork().id, Date.now());
  for (let i = 0; i < count; i++) fork();
  cluster.on("exit", (copy, code, signal) => {
    const lived = Date.now() - (startedAt.get(copy.id) ?? 0);
    startedAt.delete(copy.id);
    if (!stopping && lived > 10_000) {
      console.warn(`[web] process ${copy.process.pid} exited (${signal ?? code}); starting another`);
      fork();
    } else if (!startedAt.size) process.exit(stopping ? 0 : 1);
    // One that dies at start (port taken, bad configuration) is not restarted in a loop.
    else if (!stopping) console.error(`[web] process ${copy.process.pid} exited at start (${signal ?? code})`);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      stopping = true;
      for (const copy of Object.values(cluster.workers ?? {})) copy?.process.kill("SIGTERM");
      setTimeout(() => process.exit(0), 8_000).unref();
    });
}

async function serve() {
  const app = next({ dev, dir: root, hostname: env.HOST, port: env.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  /** The wire routes answered ahead of Next, with the methods their Next routes export (others go to Next: 405). */
  function wireHandler(req: IncomingMessage): ((request: Request) => Promise<Response>) | null {
    const path = (req.url ?? "/").split("?", 1)[0]!;
    if (
      (path === "/api/schema-registry" || path.startsWith("/api/schema-registry/")) &&
      ["GET", "POST", "PUT", "DELETE"].includes(req.method!)
    )
      return handleSchemaRegistry;
    if (path === "/v1/traces" && req.method === "POST") return handleOtlpTraces;
    return null;
  }

  function onRequest(req: IncomingMessage, res: ServerResponse) {
    const peer = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
    // Next fills these from the socket when they are absent: removing a stranger's makes Next tell the truth.
    if (!trusted.has(peer)) for (const h of FORWARDED) delete req.headers[h];
    const wire = wireHandler(req);
    if (!wire) return void handle(req, res);
    // What Next would have filled in: the peer as the client when no trusted proxy said otherwise.
    req.headers["x-forwarded-for"] ??= peer;
    void answer(req, res, `${tls ? "https" : "http"}://${req.headers.host ?? `${env.HOST}:${env.PORT}`}`, wire);
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
}

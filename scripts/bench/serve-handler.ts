// One of Eventplane's fetch-style HTTP handlers served alone in its own process (DATABASE_URL from the
// parent), the same adapter Next mounts, so the load generator and the server do not share a core.
//   node --import tsx scripts/bench/serve-handler.ts <registry|otlp> <port>
import { ensureToken, SCOPES, systemActor } from "@/server/domain/identity";
import { handleSchemaRegistry } from "@/server/http/confluent/handle";
import { handleOtlpTraces } from "@/server/http/otlp/handle";
import { serveHandler } from "@/test/serve-handler";

const handlers = { registry: handleSchemaRegistry, otlp: handleOtlpTraces };
const handler = handlers[process.argv[2] as keyof typeof handlers];
if (!handler) throw new Error(`serve-handler: unknown handler ${process.argv[2]}`);
// The load is authenticated like real clients: an API token whose secret the parent chose.
const secret = process.env.BENCH_TOKEN;
if (secret) await ensureToken(systemActor("bench"), { name: "bench", role: "admin", scopes: SCOPES, secret });
const server = await serveHandler(handler, Number(process.argv[3]));
process.send?.(server.url);
// A clean exit on SIGINT, so a profile taken with --cpu-prof is written.
process.once("SIGINT", () => process.exit(0));

// One of Eventplane's fetch-style HTTP handlers served alone in its own process (DATABASE_URL from the
// parent), the same adapter Next mounts, so the load generator and the server do not share a core.
//   node --import tsx scripts/bench/serve-handler.ts <registry|otlp|otlp-decode> <port>
import { env } from "@/env";
import { ensureToken, SCOPES, systemActor } from "@/server/domain/identity";
import { handleSchemaRegistry } from "@/server/http/confluent/handle";
import { guarded } from "@/server/http/guard";
import { decodeOffThread } from "@/server/http/otlp/decode-off-thread";
import { handleOtlpTraces } from "@/server/http/otlp/handle";
import { readBoundedBody } from "@/server/http/read-body";
import { serveHandler } from "@/test/serve-handler";

/** The OTLP receiver without its storage, for the baseline that isolates what storing costs: a batch is
 *  authenticated, read, inflated, decoded, validated and made into COPY lines as a real export is (in
 *  the decode thread), then dropped. */
const otlpDecodeOnly = guarded("otlp:write", async (request) => {
  const limit = env.OTLP_MAX_BODY_BYTES;
  const body = await readBoundedBody(request, limit);
  const contentEncoding = request.headers.get("content-encoding");
  await decodeOffThread({ body, encoding: "protobuf", contentEncoding, limit, retentionHours: env.TRACE_RETENTION_HOURS });
  return new Response(new Uint8Array(0), { status: 200, headers: { "content-type": "application/x-protobuf" } });
});

const handlers = { registry: handleSchemaRegistry, otlp: handleOtlpTraces, "otlp-decode": otlpDecodeOnly };
const handler = handlers[process.argv[2] as keyof typeof handlers];
if (!handler) throw new Error(`serve-handler: unknown handler ${process.argv[2]}`);
// The load is authenticated like real clients: an API token whose secret the parent chose.
const secret = process.env.BENCH_TOKEN;
if (secret) await ensureToken(systemActor("bench"), { name: "bench", role: "admin", scopes: SCOPES, secret });
const server = await serveHandler(handler, Number(process.argv[3]));
process.send?.(server.url);
// A clean exit on SIGINT, so a profile taken with --cpu-prof is written.
process.once("SIGINT", () => process.exit(0));

// The registry API served alone in its own process (DATABASE_URL from the parent), through the same
// fetch-style handler Next mounts, so the load generator and the server do not share a core.
import { handleSchemaRegistry } from "@/server/http/confluent/handle";
import { serveHandler } from "@/test/serve-handler";

const server = await serveHandler(handleSchemaRegistry, Number(process.argv[2]));
process.send?.(server.url);

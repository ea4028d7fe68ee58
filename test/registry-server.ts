// The registry API on a real HTTP port for the duration of a test file, with an admin API token of
// the registry scopes (what a serializer is configured with); returns its base URL and credentials.
import { afterAll, beforeAll } from "vitest";
import { handleSchemaRegistry } from "@/server/http/confluent/handle";
import { serveHandler } from "./serve-handler";
import { createTestToken } from "./tokens";

export function useRegistryServer(): { base: string; token: { name: string; secret: string }; auth: Record<string, string> } {
  const holder = { base: "", token: { name: "", secret: "" }, auth: {} as Record<string, string> };
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const server = await serveHandler(handleSchemaRegistry);
    holder.base = `${server.url}/api/schema-registry`;
    const token = await createTestToken(["registry:write"]);
    holder.token = { name: token.name, secret: token.secret };
    holder.auth = token.bearer;
    close = server.close;
  });
  afterAll(() => close());
  return holder;
}

// The registry API on a real HTTP port for the duration of a test file; returns its base URL.
import { afterAll, beforeAll } from "vitest";
import { handleSchemaRegistry } from "@/server/http/confluent/handle";
import { serveHandler } from "./serve-handler";

export function useRegistryServer(): { base: string } {
  const holder = { base: "" };
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const server = await serveHandler(handleSchemaRegistry);
    holder.base = `${server.url}/api/schema-registry`;
    close = server.close;
  });
  afterAll(() => close());
  return holder;
}

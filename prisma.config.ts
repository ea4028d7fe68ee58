import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

// Prisma's CLI wants its native schema engine before any command, even `generate`, which never runs
// it. The engine is downloaded from outside the npm registry, so point the CLI at a stub instead.
const stub = fileURLToPath(new URL("./scripts/no-schema-engine.sh", import.meta.url));
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && existsSync(stub)) process.env.PRISMA_SCHEMA_ENGINE_BINARY = stub;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});

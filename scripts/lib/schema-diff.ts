// Diffs prisma/schema.prisma against a scratch database that has every committed migration applied,
// with Prisma's WASM schema engine (the native one cannot be installed here). Returns the SQL a new
// migration needs, or null when the migrations already describe the schema.
//
// The scratch database is an in-memory PGlite: the WASM engine cannot introspect a server through
// @prisma/adapter-pg ("Column type 'char' could not be deserialized"), but it can through PGlite.
// The migrations themselves are plain PostgreSQL and are applied to real servers by server/db/migrate.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { loadMigrations } from "@/server/db/migrate";

const root = resolve(import.meta.dirname, "../..");
const schemaPath = join(root, "prisma/schema.prisma");

type Engine = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

async function loadSchemaEngine(): Promise<Engine> {
  // The package entry imports a .wasm file, which Node 20 cannot do without a flag: instantiate by hand.
  const require = createRequire(import.meta.url);
  const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as Engine & {
    __wbg_set_wasm(exports: WebAssembly.Exports): void;
  };
  const wasmPath = join(dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmPath)), {
    "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  return glue;
}

export async function pendingSchemaSql(): Promise<string | null> {
  const scratch = await PGlite.create();
  try {
    for (const m of loadMigrations()) await scratch.exec(m.sql);
    const { SchemaEngine } = await loadSchemaEngine();
    const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(scratch) as never);
    const engine = await SchemaEngine.new({ datamodels: undefined } as never, () => undefined, adapter as never);
    const files = [{ path: schemaPath, content: readFileSync(schemaPath, "utf8") }];
    const diff = (await engine.diff({
      from: { tag: "schemaDatasource", files, configDir: root },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    } as never)) as { exitCode: number; stdout?: string };
    engine.free();
    return diff.exitCode === 2 && diff.stdout ? diff.stdout : null;
  } finally {
    await scratch.close();
  }
}

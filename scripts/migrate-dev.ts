// Writes a new migration for the changes in prisma/schema.prisma (what `prisma migrate dev
// --create-only` would), or with --check exits 1 when the schema has changes without a migration.
//   npm run db:migrate:new -- <name>     npm run db:migrate:check
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MIGRATIONS_DIR } from "@/server/db/migrate";
import { pendingSchemaSql } from "./lib/schema-diff";

const arg = process.argv[2];
if (!arg) {
  console.error("usage: migrate-dev.ts <name> | --check");
  process.exit(2);
}
const sql = await pendingSchemaSql();
if (arg === "--check") {
  if (sql) {
    console.error("prisma/schema.prisma has changes that no migration contains:\n" + sql);
    process.exit(1);
  }
  console.log("migrations agree with prisma/schema.prisma");
  process.exit(0);
}
if (!sql) {
  console.log("no schema changes; no migration written");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const name = `${stamp}_${arg.replace(/[^a-zA-Z0-9_]/g, "_")}`;
mkdirSync(join(MIGRATIONS_DIR, name), { recursive: true });
writeFileSync(join(MIGRATIONS_DIR, name, "migration.sql"), sql);
const lock = join(MIGRATIONS_DIR, "migration_lock.toml");
if (!existsSync(lock)) writeFileSync(lock, 'provider = "postgresql"\n');
console.log(`wrote prisma/migrations/${name}/migration.sql`);

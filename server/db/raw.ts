// A small pg pool beside Prisma's, for the few paths where Prisma's per-query cost is the cost: the
// registry's freshness check runs on nearly every registry request, and span ingest sends a whole
// batch as one JSON parameter.
import pg from "pg";
import { env } from "@/env";

const holder = globalThis as unknown as { eventplaneRawPool?: pg.Pool };

function pool(): pg.Pool {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
  if (!holder.eventplaneRawPool) {
    // allowExitOnIdle: an idle pool never keeps a finished process (a script, a test run) alive.
    const created = new pg.Pool({ connectionString: env.DATABASE_URL, max: 8, allowExitOnIdle: true });
    // An idle connection the server closes (a restart, an administrator) is an "error" event on the
    // pool: without a listener it would end the process. The pool drops that client and opens another.
    created.on("error", (error) => console.warn(`[db] an idle connection closed: ${error.message}`));
    holder.eventplaneRawPool = created;
  }
  return holder.eventplaneRawPool;
}

export async function rawQuery<Row extends object>(text: string, values: unknown[] = []): Promise<Row[]> {
  return (await pool().query<Row & pg.QueryResultRow>(text, values)).rows;
}

export type RawClient = Pick<pg.PoolClient, "query">;

/** `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
export async function rawTransaction<T>(work: (client: RawClient) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  let failed: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    failed = error instanceof Error ? error : new Error(String(error));
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    // After a failure the connection is closed rather than reused: it may be the thing that failed.
    client.release(failed);
  }
}

export async function closeRawPool(): Promise<void> {
  await holder.eventplaneRawPool?.end();
  holder.eventplaneRawPool = undefined;
}

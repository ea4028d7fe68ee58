// A small pg pool beside Prisma's, for the few reads where Prisma's per-query cost is the cost: the
// registry's freshness check runs on nearly every registry request.
import pg from "pg";
import { env } from "@/env";

const holder = globalThis as unknown as { eventplaneRawPool?: pg.Pool };

function pool(): pg.Pool {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
  // allowExitOnIdle: an idle pool never keeps a finished process (a script, a test run) alive.
  holder.eventplaneRawPool ??= new pg.Pool({ connectionString: env.DATABASE_URL, max: 2, allowExitOnIdle: true });
  return holder.eventplaneRawPool;
}

export async function rawQuery<Row extends object>(text: string, values: unknown[] = []): Promise<Row[]> {
  return (await pool().query<Row & pg.QueryResultRow>(text, values)).rows;
}

export async function closeRawPool(): Promise<void> {
  await holder.eventplaneRawPool?.end();
  holder.eventplaneRawPool = undefined;
}

// With BENCH_STATEMENTS=1, a bench's embedded PostgreSQL loads pg_stat_statements, and a bench can
// print where PostgreSQL's time went in what it measured: each statement's total time, calls and rows.
// Without it, these do nothing (the extension costs a little on every statement).
const enabled = () => Boolean(process.env.BENCH_STATEMENTS);

/** The server settings that load the extension, when asked for. */
export function statementSettings(): Record<string, string> | undefined {
  return enabled() ? { shared_preload_libraries: "pg_stat_statements", "pg_stat_statements.track": "all" } : undefined;
}

/** Starts counting from now (what came before, such as setup, is forgotten). */
export async function resetStatements(): Promise<void> {
  if (!enabled()) return;
  // Imported here: the database's module reads DATABASE_URL, which the bench sets after this module loads.
  const { rawQuery } = await import("@/server/db");
  await rawQuery("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  await rawQuery("SELECT pg_stat_statements_reset()");
}

/** Prints the statements that took the most time since the reset. */
export async function printStatements(title: string, limit = 15): Promise<void> {
  if (!enabled()) return;
  const { rawQuery } = await import("@/server/db");
  const rows = await rawQuery<{ ms: number; calls: number; rows: number; query: string }>(
    `SELECT total_exec_time::float8 AS ms, calls::int, rows::int, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) AS query
     FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT $1`,
    [limit],
  );
  console.log(`\nPostgreSQL statements, ${title} (pg_stat_statements, most time first):`);
  console.log(`${"total ms".padStart(9)} ${"calls".padStart(7)} ${"rows".padStart(9)}  statement`);
  for (const r of rows) {
    console.log(`${r.ms.toFixed(0).padStart(9)} ${String(r.calls).padStart(7)} ${String(r.rows).padStart(9)}  ${r.query}`);
  }
}

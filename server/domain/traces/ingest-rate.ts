// Spans per minute over the last hour, by start time (startNs is indexed; receivedAt is not, and a
// span's start is within seconds of its arrival for live traffic).
import { db } from "@/server/db";

export async function spanIngestRate(minutes = 60) {
  const since = BigInt(Date.now() - minutes * 60_000) * 1_000_000n;
  const rows = await db.$queryRaw<{ minute: number; n: bigint }[]>`
    SELECT floor("startNs" / 60000000000)::float8 AS minute, count(*) AS n
    FROM "Span" WHERE "startNs" > ${since} GROUP BY 1 ORDER BY 1`;
  const nowMinute = Math.floor(Date.now() / 60_000);
  const counts = new Map(rows.map((r) => [r.minute, Number(r.n)]));
  const perMinute = Array.from({ length: minutes }, (_, i) => counts.get(nowMinute - minutes + 1 + i) ?? 0);
  // The current minute is partial: the rate comes from the five whole minutes before it.
  const lastFive = perMinute.slice(-6, -1);
  return { perMinute, perSecond: lastFive.reduce((s, n) => s + n, 0) / 300 };
}

// A span's resource (service, host, runtime, SDK) is the same for every span a process sends, and it was
// most of a stored span's bytes: it is stored once in "SpanResource", keyed by a hash of its JSON, and
// spans name it. Each process remembers which resources it has stored, up to which day, so a batch
// only writes one when it is new here or its spans reach a later day (retention keeps a resource as
// long as its latest day).
import { rawQuery } from "@/server/db";
import type { ResourceRow } from "./span-lines";
import type { Attributes } from "./span-types";

const stored = new Map<string, number>();

/** Stores the resources this process has not stored up to their day yet (before the spans that name them). */
export async function ensureSpanResources(resources: Iterable<ResourceRow>): Promise<void> {
  const due = [...resources].filter((r) => (stored.get(r.id) ?? -Infinity) < r.lastDay);
  if (!due.length) return;
  // In id order, so two processes storing the same resources never wait on each other crosswise.
  due.sort((a, b) => (a.id < b.id ? -1 : 1));
  await rawQuery(
    `INSERT INTO "SpanResource" ("id", "attributes", "lastDay")
       SELECT * FROM unnest($1::text[], $2::json[], $3::int[])
     ON CONFLICT ("id") DO UPDATE SET "lastDay" = excluded."lastDay" WHERE "SpanResource"."lastDay" < excluded."lastDay"`,
    [due.map((r) => r.id), due.map((r) => r.json), due.map((r) => r.lastDay)],
  );
  // A bound on what a process remembers; forgetting only costs a write that changes nothing.
  if (stored.size > 10_000) stored.clear();
  for (const r of due) stored.set(r.id, r.lastDay);
}

/** Drops the resources whose latest span day is before `firstKeptDay` (retention dropped those days). */
export async function pruneSpanResources(firstKeptDay: number): Promise<number> {
  stored.clear();
  const rows = await rawQuery(`DELETE FROM "SpanResource" WHERE "lastDay" < $1 RETURNING 1`, [firstKeptDay]);
  return rows.length;
}

/** A span's resource, or an empty one when retention has dropped it already. */
export async function spanResource(id: string): Promise<Attributes> {
  const [row] = await rawQuery<{ attributes: Attributes }>(`SELECT "attributes" FROM "SpanResource" WHERE "id" = $1`, [id]);
  return row?.attributes ?? {};
}

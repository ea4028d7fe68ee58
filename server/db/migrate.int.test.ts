import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pendingSchemaSql } from "@/scripts/lib/schema-diff";
import { applyMigrations, loadMigrations } from "./migrate";

describe("migrations", () => {
  it("describe exactly prisma/schema.prisma (a schema change without a migration fails here)", async () => {
    expect(await pendingSchemaSql()).toBeNull();
  }, 60_000);

  describe("the runtime migrator", () => {
    let client: pg.Client;
    beforeAll(async () => {
      client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
    });
    afterAll(() => client.end());

    it("has applied every migration once and applies nothing on a second run", async () => {
      const { rows } = await client.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY 1`);
      expect(rows.map((r) => r.migration_name)).toEqual(loadMigrations().map((m) => m.name));
      expect(await applyMigrations(client)).toEqual([]);
    });

    it("refuses a migration that was edited after it was applied, and changes nothing", async () => {
      const [first, ...rest] = loadMigrations();
      const edited = { ...first!, checksum: "0".repeat(64) };
      await expect(applyMigrations(client, [edited, ...rest])).rejects.toThrow(/was changed after it was applied/);
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
      expect(rows[0].n).toBe(loadMigrations().length);
    });

    it("moves stored spans and links into day tables when spans become partitioned, and their resources apart", async () => {
      // A database of its own on the same server, migrated up to the step before, with spans in it.
      const name = `eventplane_partitions_${Date.now()}`;
      await client.query(`CREATE DATABASE ${name}`);
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${name}`;
      const scratch = new pg.Client({ connectionString: url.toString() });
      await scratch.connect();
      try {
        const all = loadMigrations();
        const step = all.findIndex((m) => m.name.endsWith("_span_partitions"));
        await applyMigrations(scratch, all.slice(0, step));
        const day = 86_400_000_000_000n;
        const insert = `INSERT INTO "Span" ("traceId", "spanId", "name", "kind", "service", "startNs", "endNs", "statusCode", "attributes", "resource", "events", "links")
          VALUES ($1, $2, 'op', 1, 'svc', $3, $3, 0, '{}', $4, '[]', '[]')`;
        await scratch.query(insert, ["a".repeat(32), "1".repeat(16), (19_000n * day + 5n).toString(), '{"service.name": "svc"}']);
        await scratch.query(insert, ["b".repeat(32), "2".repeat(16), (19_001n * day).toString(), '{"service.name": "svc"}']);
        await scratch.query(`INSERT INTO "SpanLink" VALUES ($1, $2, $3, $4)`, [
          "b".repeat(32),
          "2".repeat(16),
          "a".repeat(32),
          "1".repeat(16),
        ]);
        await applyMigrations(scratch, all);
        const spans = await scratch.query(`SELECT tableoid::regclass::text AS t, "spanId" FROM "Span" ORDER BY 2`);
        // Day 19,000 is 2022-01-08.
        expect(spans.rows).toEqual([
          { t: '"Span_d20220108"', spanId: "1".repeat(16) },
          { t: '"Span_d20220109"', spanId: "2".repeat(16) },
        ]);
        const links = await scratch.query(`SELECT tableoid::regclass::text AS t, "startNs"::text AS s FROM "SpanLink"`);
        expect(links.rows).toEqual([{ t: '"SpanLink_d20220109"', s: (19_001n * day).toString() }]);
        // Their resource is stored once (a later migration), with the latest day that holds a span of it.
        const resources = await scratch.query(`SELECT "attributes", "lastDay" FROM "SpanResource"`);
        expect(resources.rows).toEqual([{ attributes: { "service.name": "svc" }, lastDay: 19_001 }]);
        const named = await scratch.query(`SELECT DISTINCT "resourceId" AS id FROM "Span"`);
        expect(named.rows).toEqual([{ id: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
      } finally {
        await scratch.end();
        await client.query(`DROP DATABASE ${name}`);
      }
    });

    it("rolls back every statement of a failing migration", async () => {
      const broken = {
        name: "99999999999999_broken",
        sql: `CREATE TABLE "ShouldNotExist" (id int); SELECT no_such_function();`,
        checksum: "x",
      };
      await expect(applyMigrations(client, [...loadMigrations(), broken])).rejects.toThrow();
      const { rows } = await client.query(`SELECT to_regclass('"ShouldNotExist"') AS t`);
      expect(rows[0].t).toBeNull();
    });
  });
});

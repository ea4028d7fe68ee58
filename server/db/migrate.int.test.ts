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

// The embedded PostgreSQL's superuser password is the installation's own, not one every copy of
// Eventplane shares: generated with the data directory and readable by this user only.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/lib/ports";
import { startEmbeddedPostgres } from "./embedded";

const dir = mkdtempSync(join(tmpdir(), "eventplane-embedded-"));
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const connects = async (url: string) => {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
};

describe("the embedded PostgreSQL", () => {
  it("uses a generated password kept in a file only its user can read, and refuses the old fixed one", async () => {
    const port = await freePort();
    const server = await startEmbeddedPostgres({ dataDir: join(dir, "postgres"), port });
    try {
      const file = join(dir, "postgres.password");
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const password = readFileSync(file, "utf8").trim();
      expect(password.length).toBeGreaterThanOrEqual(24);
      expect(server.url).toContain(encodeURIComponent(password));
      expect(await connects(server.url)).toBe(true);
      expect(await connects(`postgresql://postgres:eventplane@127.0.0.1:${port}/postgres`)).toBe(false);
    } finally {
      await server.stop();
    }
  });
});

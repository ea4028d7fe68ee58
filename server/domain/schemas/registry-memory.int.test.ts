// The registry memory's change log (keyed by transaction id) against a real PostgreSQL: a change made by
// any connection is seen by the next read, also when the log row that said so was pruned, and the
// one-call registration refuses a state that moved.
import { describe, expect, it } from "vitest";
import { rawQuery } from "@/server/db";
import { uniqueName } from "@/test/kafka-helpers";
import { testActor } from "@/test/actors";
import { registerSchema } from "./register-schema";
import { subjectState, subjectStateAt } from "./registry-memory";

/** A change as another process would make it: its own connection, its own commit. */
const setLevel = (subject: string, level: string) =>
  rawQuery<{ xid: string }>(
    `WITH c AS (INSERT INTO "SubjectConfig" ("subject", "compatibility") VALUES ($1, $2)
       ON CONFLICT ("subject") DO UPDATE SET "compatibility" = EXCLUDED."compatibility")
     SELECT pg_current_xact_id()::text AS xid`,
    [subject, level],
  ).then((rows) => BigInt(rows[0]!.xid));

describe("registry memory", () => {
  it("sees a change committed elsewhere at the next read", async () => {
    const subject = uniqueName("memory");
    await setLevel(subject, "FULL");
    expect((await subjectState(subject)).settings?.compatibility).toBe("FULL");
    await setLevel(subject, "NONE");
    expect((await subjectState(subject)).settings?.compatibility).toBe("NONE");
  });

  it("sees a change whose log row was pruned before it read the log (the floor says so)", async () => {
    const subject = uniqueName("pruned");
    await setLevel(subject, "FULL");
    expect((await subjectState(subject)).settings?.compatibility).toBe("FULL");
    const xid = await setLevel(subject, "BACKWARD");
    // What registry_prune does to old rows, done to this one at once: gone, and the floor above it.
    await rawQuery(`UPDATE "RegistryLogFloor" SET "xid" = greatest("xid", $1) WHERE "id" = 1`, [String(xid + 1n)]);
    await rawQuery(`DELETE FROM "RegistryChange" WHERE "xid" = $1`, [String(xid)]);
    expect((await subjectState(subject)).settings?.compatibility).toBe("BACKWARD");
  });

  it("prunes rows older than a minute and raises the floor past them", async () => {
    const [{ xid }] = (await rawQuery<{ xid: string }>(`SELECT pg_current_xact_id()::text AS xid`)) as [{ xid: string }];
    const old = uniqueName("old");
    const recent = uniqueName("recent");
    // 10,000 recent rows ahead of the old one by id: the prune must find the old row behind them.
    await rawQuery(
      `INSERT INTO "RegistryChange" ("xid", "subject", "at") SELECT $1, $2, CURRENT_TIMESTAMP FROM generate_series(1, 10000)`,
      [xid, recent],
    );
    await rawQuery(`INSERT INTO "RegistryChange" ("xid", "subject", "at") VALUES ($1, $2, CURRENT_TIMESTAMP - interval '2 minutes')`, [
      xid,
      old,
    ]);
    // Other tests' old rows may come first: each pass takes up to 10,000 of them, so a few passes
    // reach this one whatever else the shared database holds.
    const leftAfterPrune = () =>
      rawQuery<{ subject: string }>(`SELECT "subject" FROM "RegistryChange" WHERE "subject" IN ($1, $2)`, [old, recent]);
    let left = await leftAfterPrune();
    for (let pass = 0; pass < 10 && left.length > 0; pass++) {
      await rawQuery(`SELECT registry_prune()`);
      left = await leftAfterPrune();
    }
    // All rows carry one transaction id: the cut is above it, so the recent rows go too, and the
    // floor tells every process that it may have missed it.
    expect(left).toEqual([]);
    const [floor] = await rawQuery<{ xid: string }>(`SELECT "xid"::text FROM "RegistryLogFloor" WHERE "id" = 1`);
    expect(BigInt(floor!.xid)).toBeGreaterThan(BigInt(xid));
  });

  it("refuses a one-call registration decided on a state that moved", async () => {
    const subject = uniqueName("stale");
    await setLevel(subject, "NONE");
    const { validFrom } = await subjectStateAt(subject);
    const audit = JSON.stringify({
      actorKind: "system",
      actorName: "test",
      action: "schema.register",
      targetType: "subject",
      targetId: subject,
      after: {},
    });
    const register = () =>
      rawQuery<{ schema_id: number | null; stale: boolean }>(
        `SELECT schema_id, stale FROM registry_register($1, $2, 1, 'AVRO', '"string"', $3, 'NONE', NULL, $4::jsonb)`,
        [subject, validFrom.snapshot, `fp-${subject}`, audit],
      );
    await setLevel(subject, "FULL");
    expect(await register()).toEqual([{ schema_id: null, stale: true }]);
    // Decided again on the state now: written.
    const now = await subjectStateAt(subject);
    const [row] = await rawQuery<{ schema_id: number | null; stale: boolean }>(
      `SELECT schema_id, stale FROM registry_register($1, $2, 1, 'AVRO', '"string"', $3, 'FULL', NULL, $4::jsonb)`,
      [subject, now.validFrom.snapshot, `fp-${subject}`, audit],
    );
    expect(row).toMatchObject({ stale: false });
    expect(row!.schema_id).toEqual(expect.any(Number));
  });

  describe("a subject this process never read", () => {
    const editor = testActor("editor", ["payments"], "payments-editor");
    const schema = (n: number) =>
      JSON.stringify({
        type: "record",
        name: "First",
        fields: Array.from({ length: n }, (_, i) => ({ name: `f${i}`, type: "int", default: 0 })),
      });
    const audits = (subject: string) =>
      rawQuery<{ action: string; team: string | null }>(`SELECT "action", "team" FROM "AuditEntry" WHERE "targetId" = $1`, [subject]);

    it("gets version 1 in one call, claimed by the actor's team and audited once", async () => {
      const subject = uniqueName("first");
      const registered = await registerSchema(subject, { schema: schema(1) }, { actor: editor });
      expect(registered).toMatchObject({ subject, version: 1, id: expect.any(Number) });
      expect((await subjectState(subject)).settings?.ownerTeam).toBe("payments");
      expect(await audits(subject)).toEqual([{ action: "schema.register", team: "payments" }]);
    });

    it("is decided on its rows when it has some: another team's subject is refused, nothing written", async () => {
      const subject = uniqueName("owned");
      // Written as another process would, never read here.
      await rawQuery(`INSERT INTO "SubjectConfig" ("subject", "ownerTeam") VALUES ($1, 'logistics')`, [subject]);
      await expect(registerSchema(subject, { schema: schema(1) }, { actor: editor })).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect((await subjectState(subject)).versions).toEqual([]);
      expect(await audits(subject)).toEqual([]);
    });

    it("is decided on its rows when it has some: numbering goes on after a deleted version", async () => {
      const subject = uniqueName("deleted");
      const v1 = await registerSchema(subject, { schema: schema(1) }, { actor: editor });
      await rawQuery(`UPDATE "SubjectVersion" SET "deleted" = true WHERE "subject" = $1`, [subject]);
      const other = uniqueName("deleted");
      // A subject another process left with one (deleted) version, under a level of its own.
      await rawQuery(`INSERT INTO "SubjectVersion" ("subject", "version", "schemaId", "deleted") VALUES ($1, 1, $2, true)`, [other, v1.id]);
      const registered = await registerSchema(other, { schema: schema(2) }, { actor: editor });
      expect(registered).toMatchObject({ subject: other, version: 2 });
    });
  });
});

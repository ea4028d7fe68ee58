// Saved filters: checked as CEL when saved, a person's own or shared with one of their teams, seen by
// that team only, deleted by their owner (or an admin), audited.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { testActor, testAdmin } from "@/test/actors";
import { uniqueName } from "@/test/kafka-helpers";
import { deleteSavedFilter, listSavedFilters, saveFilter } from "./saved-filters";

describe("saved filters", () => {
  it("are kept for their owner or shared with one of their teams, and seen by that team only", async () => {
    const ada = testActor("editor", ["checkout"], uniqueName("ada"));
    const bob = testActor("viewer", ["checkout"], uniqueName("bob"));
    const eve = testActor("editor", ["growth"], uniqueName("eve"));
    const mine = await saveFilter(ada, { name: "big orders", expression: "value.total > 1000" });
    const shared = await saveFilter(ada, { name: "EUR", expression: 'value.currency == "EUR"', team: "checkout" });
    expect((await listSavedFilters(ada)).map((f) => f.id)).toEqual(expect.arrayContaining([mine.id, shared.id]));
    const bobs = (await listSavedFilters(bob)).map((f) => f.id);
    expect(bobs).toContain(shared.id);
    expect(bobs).not.toContain(mine.id);
    expect((await listSavedFilters(eve)).map((f) => f.id)).not.toContain(shared.id);

    await expect(saveFilter(ada, { name: "x", expression: "value." })).rejects.toThrow(/not valid CEL/);
    await expect(saveFilter(ada, { name: "y", expression: "true", team: "growth" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveFilter(ada, { name: "EUR", expression: "true" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(deleteSavedFilter(bob, shared.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await deleteSavedFilter(testAdmin, shared.id);
    await deleteSavedFilter(ada, mine.id);
    const actions = (await db.auditEntry.findMany({ where: { targetId: { in: [mine.id, shared.id] } }, orderBy: { at: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions.sort()).toEqual(["records.filter.delete", "records.filter.delete", "records.filter.save", "records.filter.save"]);
  });
});

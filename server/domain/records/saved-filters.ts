// Saved CEL filters for the message browser: a person's own, or shared with one of their teams.
// Each is checked as CEL when saved (a broken filter is not kept), and every change is audited.
import { z } from "zod";
import { audited } from "@/server/domain/audit";
import { can, type Actor } from "@/server/domain/identity";
import { db } from "@/server/db";
import { DomainError, parseInput } from "@/server/errors";
import { compileFilter, MAX_FILTER_LENGTH } from "./filter";

export const SavedFilterInput = z.object({
  name: z.string().trim().min(1).max(120),
  expression: z.string().trim().min(1).max(MAX_FILTER_LENGTH),
  /** share it with this team (one of the saver's own) */
  team: z.string().trim().max(120).nullable().optional(),
});

/** The actor's own filters and those shared with their teams, by name. */
export async function listSavedFilters(actor: Actor) {
  return db.savedFilter.findMany({
    where: { OR: [{ owner: actor.name }, ...(actor.teams.length ? [{ team: { in: actor.teams } }] : [])] },
    orderBy: [{ name: "asc" }],
  });
}

export async function saveFilter(actor: Actor, raw: z.input<typeof SavedFilterInput>) {
  if (actor.kind === "anonymous") throw new DomainError("FORBIDDEN", "Sign in to save filters");
  const input = parseInput(SavedFilterInput, raw);
  compileFilter(input.expression);
  const team = input.team || null;
  if (team && !actor.teams.includes(team) && !can(actor, "admin"))
    throw new DomainError("FORBIDDEN", `${actor.name} may share filters with their own teams only, not ${team}`);
  if (await db.savedFilter.findUnique({ where: { owner_name: { owner: actor.name, name: input.name } } }))
    throw new DomainError("CONFLICT", `You already have a filter named "${input.name}"`);
  return audited(
    actor,
    (tx) => tx.savedFilter.create({ data: { name: input.name, expression: input.expression, team, owner: actor.name } }),
    (f) => ({
      action: "records.filter.save",
      targetType: "saved-filter",
      targetId: f.id,
      team,
      after: { name: f.name, expression: f.expression },
    }),
  );
}

export async function deleteSavedFilter(actor: Actor, id: string) {
  const f = await db.savedFilter.findUnique({ where: { id } });
  if (!f) throw new DomainError("NOT_FOUND", "No such saved filter");
  if (f.owner !== actor.name && !can(actor, "admin")) throw new DomainError("FORBIDDEN", `"${f.name}" is ${f.owner}'s to delete`);
  await audited(
    actor,
    (tx) => tx.savedFilter.delete({ where: { id } }),
    () => ({
      action: "records.filter.delete",
      targetType: "saved-filter",
      targetId: id,
      team: f.team,
      before: { name: f.name, expression: f.expression },
    }),
  );
}

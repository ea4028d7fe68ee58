// Who owns a subject: a team, kept with the subject's configuration. Its editors may register, delete
// and reconfigure it; nobody else but admins. An unowned subject is open to every editor, and the
// first registration by someone who acts for exactly one team gives it to that team. The global
// configuration (subject "") belongs to the installation: admins only.
import { appendAudit } from "@/server/domain/audit";
import { authorize, authorizeOwnerChange, type Actor } from "@/server/domain/identity";
import { db, type Prisma } from "@/server/db";
import { GLOBAL } from "./compat-types";

export async function subjectOwner(subject: string, reader: Pick<Prisma.TransactionClient, "subjectConfig"> = db): Promise<string | null> {
  return (await reader.subjectConfig.findUnique({ where: { subject }, select: { ownerTeam: true } }))?.ownerTeam ?? null;
}

export async function subjectOwners(subjects: string[]): Promise<Map<string, string>> {
  const rows = await db.subjectConfig.findMany({ where: { subject: { in: subjects }, ownerTeam: { not: null } } });
  return new Map(rows.map((r) => [r.subject, r.ownerTeam!]));
}

/** Throws FORBIDDEN unless the actor may change this subject; returns its owner. */
export async function authorizeSubjectWrite(actor: Actor, subject: string): Promise<string | null> {
  return authorizeSubjectWriteOf(actor, subject, subject === GLOBAL ? null : await subjectOwner(subject));
}

/** The same, with the owner already read (a registration reads it with the subject's settings). */
export function authorizeSubjectWriteOf(actor: Actor, subject: string, owner: string | null): string | null {
  if (subject === GLOBAL) {
    authorize(actor, "admin", { what: "the global registry configuration" });
    return null;
  }
  authorize(actor, "write", { what: `subject "${subject}"`, owner });
  return owner;
}

/** The team a first registration hands an unowned subject to: the actor's only team, if it has one. */
export const claimingTeam = (actor: Actor) => (actor.teams.length === 1 ? actor.teams[0]! : null);

export async function setSubjectOwner(actor: Actor, subject: string, team: string | null): Promise<void> {
  if (subject === GLOBAL) throw new Error("the global configuration has no owner");
  const from = await subjectOwner(subject);
  authorizeOwnerChange(actor, `subject "${subject}"`, from, team);
  await db.$transaction(async (tx) => {
    await tx.subjectConfig.upsert({ where: { subject }, create: { subject, ownerTeam: team }, update: { ownerTeam: team } });
    await appendAudit(tx, actor, {
      action: "schema.owner.set",
      targetType: "subject",
      targetId: subject,
      team: team ?? from,
      before: { ownerTeam: from },
      after: { ownerTeam: team },
    });
  });
}

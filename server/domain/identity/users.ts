// Local accounts: created and changed by admins, each change audited (never the password itself).
import { audited } from "@/server/domain/audit";
import { db } from "@/server/db";
import { DomainError, parseInput } from "@/server/errors";
import { ROLES, type Actor, type Role } from "./actor";
import { checkPasswordRules, hashPassword, verifyPassword } from "./passwords";
import { authorize } from "./permissions";
import { CreateUserInput, UpdateUserInput, type UserView } from "./user-contracts";

type UserRow = Awaited<ReturnType<typeof db.user.findUniqueOrThrow>>;

export function toUserView(u: UserRow): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: (ROLES as readonly string[]).includes(u.role) ? (u.role as Role) : "viewer",
    teams: u.teams,
    source: u.source,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt,
    lastSignInAt: u.lastSignInAt,
  };
}

export async function listUsers(actor: Actor): Promise<UserView[]> {
  authorize(actor, "admin", { what: "users" });
  return (await db.user.findMany({ orderBy: { username: "asc" } })).map(toUserView);
}

/** Every team someone belongs to, for the team pickers. */
export async function listTeams(): Promise<string[]> {
  const rows = await db.$queryRaw<{ team: string }[]>`SELECT DISTINCT unnest("teams") AS team FROM "User" ORDER BY 1`;
  return rows.map((r) => r.team);
}

export async function createUser(actor: Actor, raw: CreateUserInput): Promise<UserView> {
  authorize(actor, "admin", { what: "users" });
  const input = parseInput(CreateUserInput, raw);
  checkPasswordRules(input.password);
  if (await db.user.findUnique({ where: { username: input.username } }))
    throw new DomainError("CONFLICT", `A user named "${input.username}" already exists`);
  const passwordHash = await hashPassword(input.password);
  const user = await audited(
    actor,
    (tx) =>
      tx.user.create({
        data: {
          username: input.username,
          displayName: input.displayName,
          email: input.email ?? null,
          passwordHash,
          role: input.role,
          teams: [...new Set(input.teams)],
          mustChangePassword: actor.kind === "user",
        },
      }),
    (u) => ({ action: "user.create", targetType: "user", targetId: u.username, after: toUserView(u) }),
  );
  return toUserView(user);
}

export async function updateUser(actor: Actor, raw: UpdateUserInput): Promise<UserView> {
  authorize(actor, "admin", { what: "users" });
  const input = parseInput(UpdateUserInput, raw);
  const before = await db.user.findUnique({ where: { id: input.id } });
  if (!before) throw new DomainError("NOT_FOUND", "No such user");
  if (before.id === actor.id && ((input.role && input.role !== "admin") || input.disabled))
    throw new DomainError("INVALID_INPUT", "You cannot take away your own admin role or disable yourself; ask another admin");
  const user = await audited(
    actor,
    async (tx) => {
      const u = await tx.user.update({
        where: { id: input.id },
        data: {
          ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
          ...(input.role ? { role: input.role } : {}),
          ...(input.teams ? { teams: [...new Set(input.teams)] } : {}),
          ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
        },
      });
      // A disabled account or a lowered role takes effect now, not when the session expires.
      if (input.disabled || (input.role && input.role !== before.role)) await tx.session.deleteMany({ where: { userId: u.id } });
      return u;
    },
    (u) => ({ action: "user.update", targetType: "user", targetId: u.username, before: toUserView(before), after: toUserView(u) }),
  );
  return toUserView(user);
}

export async function deleteUser(actor: Actor, id: string): Promise<void> {
  authorize(actor, "admin", { what: "users" });
  if (id === actor.id) throw new DomainError("INVALID_INPUT", "You cannot delete yourself");
  const before = await db.user.findUnique({ where: { id } });
  if (!before) throw new DomainError("NOT_FOUND", "No such user");
  await audited(
    actor,
    (tx) => tx.user.delete({ where: { id } }),
    () => ({ action: "user.delete", targetType: "user", targetId: before.username, before: toUserView(before) }),
  );
}

/** An admin sets someone's password; they must choose their own at next sign-in. */
export async function resetPassword(actor: Actor, id: string, password: string): Promise<void> {
  authorize(actor, "admin", { what: "users" });
  checkPasswordRules(password);
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw new DomainError("NOT_FOUND", "No such user");
  const passwordHash = await hashPassword(password);
  await audited(
    actor,
    async (tx) => {
      await tx.user.update({ where: { id }, data: { passwordHash, mustChangePassword: id !== actor.id } });
      await tx.session.deleteMany({ where: { userId: id } });
    },
    () => ({ action: "user.password.reset", targetType: "user", targetId: user.username }),
  );
}

/** A person changes their own password: the current one is required; other sessions end. */
export async function changeOwnPassword(actor: Actor, current: string, next: string, keepSessionId?: string): Promise<void> {
  if (actor.kind !== "user" || !actor.id) throw new DomainError("FORBIDDEN", "Only a signed-in person can change their password");
  const user = await db.user.findUnique({ where: { id: actor.id } });
  if (!user || user.source !== "local") throw new DomainError("INVALID_INPUT", "This account signs in through single sign-on; its password is not kept here");
  if (!(await verifyPassword(user.passwordHash, current))) throw new DomainError("INVALID_INPUT", "current password: not correct");
  checkPasswordRules(next);
  if (next === current) throw new DomainError("INVALID_INPUT", "new password: must differ from the current one");
  const passwordHash = await hashPassword(next);
  await audited(
    actor,
    async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
      await tx.session.deleteMany({ where: { userId: user.id, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } });
    },
    () => ({ action: "user.password.change", targetType: "user", targetId: user.username }),
  );
}

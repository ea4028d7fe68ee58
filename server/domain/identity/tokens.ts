// API tokens for automation. The secret is shown once; only its SHA-256 is kept. A token never has
// more than its creator: its role is at most theirs, an editor's token acts for one of their teams.
import { z } from "zod";
import { audited } from "@/server/domain/audit";
import { db, Prisma } from "@/server/db";
import { DomainError, parseInput } from "@/server/errors";
import { ROLES, roleRank, SCOPES, type Actor, type Role, type Scope } from "./actor";
import { authorize, can } from "./permissions";
import { hashSecret, newSecret } from "./secrets";
import { TeamName } from "./user-contracts";

export const TOKEN_PREFIX = "ept_";
const USE_RECORDED_EVERY_MS = 60_000;

export const CreateTokenInput = z.object({
  name: z
    .string()
    .trim()
    .min(2, "name: at least 2 characters")
    .max(100, "name: at most 100 characters")
    .regex(/^[A-Za-z0-9._-]+$/, "name: letters, digits, . _ - only (it is the user name of HTTP Basic)"),
  role: z.enum(ROLES),
  team: TeamName.nullable().default(null),
  scopes: z.array(z.enum(SCOPES)).min(1, "scopes: choose at least one").max(SCOPES.length),
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(90),
});
export type CreateTokenInput = z.input<typeof CreateTokenInput>;

export interface TokenView {
  id: string;
  name: string;
  role: Role;
  team: string | null;
  scopes: Scope[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
}

type TokenRow = Awaited<ReturnType<typeof db.apiToken.findUniqueOrThrow>>;
const view = (t: TokenRow): TokenView => ({
  id: t.id,
  name: t.name,
  role: t.role as Role,
  team: t.team,
  scopes: t.scopes as Scope[],
  expiresAt: t.expiresAt,
  lastUsedAt: t.lastUsedAt,
  createdBy: t.createdBy,
  createdAt: t.createdAt,
  revokedAt: t.revokedAt,
});

/** Admins see every token; others the ones they created. */
export async function listTokens(actor: Actor): Promise<TokenView[]> {
  const where = can(actor, "admin") ? {} : { createdBy: actor.name };
  return (await db.apiToken.findMany({ where, orderBy: { createdAt: "desc" } })).map(view);
}

export async function createToken(actor: Actor, raw: CreateTokenInput, now = new Date()): Promise<TokenView & { secret: string }> {
  if (actor.kind !== "user" && actor.kind !== "system")
    throw new DomainError("FORBIDDEN", "Tokens are created by people, not by other tokens");
  const input = parseInput(CreateTokenInput, raw);
  if (roleRank(input.role) > roleRank(actor.role))
    throw new DomainError("FORBIDDEN", `role: a ${actor.role} cannot create a token with the ${input.role} role`);
  if (input.role !== "viewer" && actor.role !== "admin" && (!input.team || !actor.teams.includes(input.team)))
    throw new DomainError("FORBIDDEN", "team: an editor's token acts for one of the editor's own teams");
  if (actor.role === "viewer" && input.scopes.some((s) => s === "write" || s === "registry:write"))
    throw new DomainError("FORBIDDEN", "scopes: a viewer cannot create a token that writes");
  const secret = newSecret(TOKEN_PREFIX);
  try {
    const row = await audited(
      actor,
      (tx) =>
        tx.apiToken.create({
          data: {
            name: input.name,
            secretHash: hashSecret(secret),
            role: input.role,
            team: input.team,
            scopes: [...new Set(input.scopes)],
            expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
            createdBy: actor.name,
          },
        }),
      (t) => ({ action: "token.create", targetType: "token", targetId: t.name, team: t.team, after: view(t) }),
    );
    return { ...view(row), secret };
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")
      throw new DomainError("CONFLICT", `A token named "${input.name}" already exists`);
    throw e;
  }
}

export async function revokeToken(actor: Actor, id: string, now = new Date()): Promise<void> {
  const token = await db.apiToken.findUnique({ where: { id } });
  if (!token) throw new DomainError("NOT_FOUND", "No such token");
  if (token.createdBy !== actor.name) authorize(actor, "admin", { what: `token "${token.name}"` });
  if (token.revokedAt) return;
  await audited(
    actor,
    (tx) => tx.apiToken.update({ where: { id }, data: { revokedAt: now } }),
    (t) => ({ action: "token.revoke", targetType: "token", targetId: t.name, team: t.team }),
  );
  forgetTokens();
}

// Serializers and exporters send their token with every request: the row behind a secret is kept for
// a second, so a busy client costs one lookup a second, not one per request. A revocation or change in
// this process clears it at once; another process's takes effect within that second.
const TOKEN_CACHE_MS = 1_000;
const recent = new Map<string, { row: Awaited<ReturnType<typeof db.apiToken.findUnique>>; at: number }>();
export const forgetTokens = () => recent.clear();

async function tokenRow(secretHash: string) {
  const hit = recent.get(secretHash);
  if (hit && performance.now() - hit.at < TOKEN_CACHE_MS) return hit.row;
  const row = await db.apiToken.findUnique({ where: { secretHash } });
  if (recent.size > 10_000) recent.clear();
  recent.set(secretHash, { row, at: performance.now() });
  return row;
}

/** The token behind a secret, if it is valid now; `expectName` is the user name sent with HTTP Basic. */
export async function resolveToken(secret: string, expectName: string | null, now = new Date()): Promise<Actor | null> {
  if (secret.length < 20 || secret.length > 500) return null;
  const token = await tokenRow(hashSecret(secret));
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) return null;
  if (expectName !== null && expectName !== token.name && expectName !== token.id) return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > USE_RECORDED_EVERY_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
    token.lastUsedAt = now;
  }
  return {
    kind: "token",
    id: token.id,
    name: `token:${token.name}`,
    role: token.role as Role,
    teams: token.team ? [token.team] : [],
    scopes: token.scopes as Scope[],
  };
}

/**
 * A token whose secret is chosen by configuration (EVENTPLANE_BOOTSTRAP_TOKEN, the demo's services):
 * created, or brought back to these settings, idempotently.
 */
export async function ensureToken(
  actor: Actor,
  spec: { name: string; role: Role; team?: string | null; scopes: readonly Scope[]; secret: string },
): Promise<void> {
  const secretHash = hashSecret(spec.secret);
  const settings = { secretHash, role: spec.role, team: spec.team ?? null, scopes: [...spec.scopes], revokedAt: null, expiresAt: null };
  const existing = await db.apiToken.findUnique({ where: { name: spec.name } });
  if (
    existing &&
    existing.secretHash === secretHash &&
    !existing.revokedAt &&
    existing.role === spec.role &&
    existing.team === settings.team &&
    existing.scopes.join() === settings.scopes.join()
  )
    return;
  await audited(
    actor,
    (tx) =>
      tx.apiToken.upsert({
        where: { name: spec.name },
        create: { name: spec.name, createdBy: actor.name, ...settings },
        update: settings,
      }),
    (t) => ({ action: existing ? "token.update" : "token.create", targetType: "token", targetId: t.name, team: t.team }),
  );
  forgetTokens();
}

// First start stays one command: with no user at all, an `admin` with a one-time password (printed,
// and written to <data dir>/admin-password, mode 0600) that must be changed at first sign-in. For
// automation, EVENTPLANE_ADMIN_PASSWORD sets admin's password at every start and
// EVENTPLANE_BOOTSTRAP_TOKEN keeps an admin token named "bootstrap" with that secret.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { audited } from "@/server/domain/audit";
import { db } from "@/server/db";
import { checkPasswordRules, hashPassword, verifyPassword } from "./passwords";
import { SCOPES, systemActor, type Actor, type Role } from "./actor";
import { ensureToken } from "./tokens";

export const ADMIN_USERNAME = "admin";

export interface BootstrapResult {
  /** set only when a password was generated now: the caller prints it */
  generatedPassword: string | null;
  passwordFile: string | null;
}

const readable = () =>
  randomBytes(15)
    .toString("base64url")
    .replace(/[-_]/g, "x")
    .match(/.{1,5}/g)!
    .join("-");

export async function bootstrapIdentity(opts: { dataDir: string; adminPassword?: string; bootstrapToken?: string }): Promise<BootstrapResult> {
  const actor = systemActor("bootstrap");
  let result: BootstrapResult = { generatedPassword: null, passwordFile: null };
  if (opts.adminPassword) {
    await ensureLocalUser(actor, { username: ADMIN_USERNAME, displayName: "Administrator", password: opts.adminPassword, role: "admin" });
  } else if ((await db.user.count()) === 0) {
    const password = readable();
    const passwordHash = await hashPassword(password);
    // Two processes may start at once: only the one whose insert wins prints its password.
    const created = await audited(
      actor,
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('eventplane-bootstrap-admin'))`;
        if ((await tx.user.count()) > 0) return false;
        await tx.user.create({
          data: { username: ADMIN_USERNAME, displayName: "Administrator", role: "admin", passwordHash, mustChangePassword: true },
        });
        return true;
      },
      (created) => (created ? { action: "user.create", targetType: "user", targetId: ADMIN_USERNAME } : null),
    );
    if (created) {
      mkdirSync(opts.dataDir, { recursive: true });
      const file = join(opts.dataDir, "admin-password");
      writeFileSync(file, `${password}\n`, { mode: 0o600 });
      result = { generatedPassword: password, passwordFile: file };
    }
  }
  if (opts.bootstrapToken) await ensureToken(actor, { name: "bootstrap", role: "admin", scopes: SCOPES, secret: opts.bootstrapToken });
  return result;
}

/** What a person needs to sign in the first time: printed once, by whichever process created the admin. */
export function bootstrapMessage(result: BootstrapResult): string[] {
  if (!result.generatedPassword) return [];
  return [
    "first start: created the user admin",
    `  sign in as admin / ${result.generatedPassword}  (one-time: you choose a new password at first sign-in)`,
    `  the password is also in ${result.passwordFile} (readable by you only)`,
  ];
}

/**
 * A local account with exactly this password, role and teams (created or brought back to them), for
 * configuration-driven accounts: EVENTPLANE_ADMIN_PASSWORD's admin, the demo's user.
 */
export async function ensureLocalUser(
  actor: Actor,
  /** teams undefined: whatever the account has */
  spec: { username: string; displayName: string; password: string; role: Role; teams?: string[] },
): Promise<void> {
  checkPasswordRules(spec.password);
  const user = await db.user.findUnique({ where: { username: spec.username } });
  const same =
    user &&
    user.role === spec.role &&
    !user.disabled &&
    (spec.teams === undefined || user.teams.join() === spec.teams.join()) &&
    (await verifyPassword(user.passwordHash, spec.password));
  if (same) return;
  const passwordHash = await hashPassword(spec.password);
  const settings = { role: spec.role, ...(spec.teams ? { teams: spec.teams } : {}), passwordHash, disabled: false, mustChangePassword: false };
  await audited(
    actor,
    (tx) =>
      tx.user.upsert({
        where: { username: spec.username },
        create: { username: spec.username, displayName: spec.displayName, source: "local", ...settings },
        update: settings,
      }),
    () => ({ action: user ? "user.update" : "user.create", targetType: "user", targetId: spec.username, after: { role: spec.role, teams: spec.teams, password: "set" } }),
  );
}

/** The demo's own user (an admin of team "shop"), with a password generated once into the data dir. */
export async function ensureDemoUser(dataDir: string): Promise<{ username: string; password: string }> {
  const file = join(dataDir, "demo-password");
  const password = existsSync(file) ? readFileSync(file, "utf8").trim() : readable();
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
  }
  await ensureLocalUser(systemActor("demo"), { username: "demo", displayName: "Demo", password, role: "admin", teams: ["shop"] });
  return { username: "demo", password };
}

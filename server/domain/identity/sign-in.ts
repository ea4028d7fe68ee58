// Local sign-in: rate limited per account and address, the same answer (and about the same time)
// for an unknown user and a wrong password, every attempt audited.
import { appendAudit } from "@/server/domain/audit";
import { db } from "@/server/db";
import { DomainError } from "@/server/errors";
import type { Actor } from "./actor";
import { decoyHash, verifyPassword } from "./passwords";
import { checkSignInAllowed, clearFailedSignIns, recordFailedSignIn } from "./rate-limits";
import { createSession, endSession } from "./sessions";

export interface SignInSource {
  sourceIp?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

const WRONG = "Wrong username or password";

export async function signIn(usernameRaw: string, password: string, source: SignInSource) {
  const username = usernameRaw.trim().slice(0, 100);
  const address = source.sourceIp ?? null;
  const who = { kind: "anonymous" as const, id: null, name: username || "(empty)", sourceIp: address, requestId: source.requestId };
  try {
    await checkSignInAllowed(username, address);
  } catch (e) {
    await appendAudit(db, who, { action: "auth.signin.blocked", targetType: "user", targetId: username });
    throw e;
  }
  const user = username ? await db.user.findUnique({ where: { username } }) : null;
  const ok = user && !user.disabled ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await decoyHash(), password), false);
  if (!ok || !user) {
    await recordFailedSignIn(username, address);
    await appendAudit(db, who, { action: "auth.signin.failed", targetType: "user", targetId: username });
    throw new DomainError("UNAUTHENTICATED", WRONG);
  }
  await clearFailedSignIns(username);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  const session = await createSession(user.id, source);
  await appendAudit(db, { kind: "user", id: user.id, name: user.username, sourceIp: address, requestId: source.requestId }, {
    action: "auth.signin",
    targetType: "user",
    targetId: user.username,
  });
  return { ...session, mustChangePassword: user.mustChangePassword };
}

export async function signOut(actor: Actor | null, secret: string): Promise<void> {
  const username = await endSession(secret);
  if (username)
    await appendAudit(db, actor ?? { kind: "user", id: null, name: username }, { action: "auth.signout", targetType: "user", targetId: username });
}

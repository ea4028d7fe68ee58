// Browser sessions: the cookie holds a random secret, the table its SHA-256. Sliding expiry: a
// session used within EVENTPLANE_SESSION_HOURS stays alive; the row is touched at most once a minute.
import { env } from "@/env";
import { db } from "@/server/db";
import { hashSecret, newSecret } from "./secrets";

export const SESSION_COOKIE = "eventplane_session";
const TOUCH_EVERY_MS = 60_000;

const ttlMs = () => env.EVENTPLANE_SESSION_HOURS * 3_600_000;

export async function createSession(userId: string, source: { sourceIp?: string | null; userAgent?: string | null }, now = new Date()) {
  const secret = newSecret("");
  const expiresAt = new Date(now.getTime() + ttlMs());
  await db.session.create({
    data: {
      id: hashSecret(secret),
      userId,
      expiresAt,
      lastSeenAt: now,
      sourceIp: source.sourceIp?.slice(0, 100) ?? null,
      userAgent: source.userAgent?.slice(0, 300) ?? null,
    },
  });
  return { secret, expiresAt };
}

/** The session's user, or null when the cookie is unknown, expired, or its user is disabled. */
export async function resolveSession(secret: string, now = new Date()) {
  if (!secret || secret.length > 200) return null;
  const id = hashSecret(secret);
  const session = await db.session.findUnique({ where: { id }, include: { user: true } });
  if (!session || session.expiresAt <= now || session.user.disabled) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.session
      .update({ where: { id }, data: { lastSeenAt: now, expiresAt: new Date(now.getTime() + ttlMs()) } })
      .catch(() => undefined); // signed out meanwhile: this request still had a valid session
  }
  return { sessionId: id, user: session.user };
}

export async function endSession(secret: string): Promise<string | null> {
  const id = hashSecret(secret);
  const session = await db.session.findUnique({ where: { id }, include: { user: true } });
  await db.session.deleteMany({ where: { id } });
  return session?.user.username ?? null;
}

export async function pruneSessions(now = new Date()): Promise<number> {
  return (await db.session.deleteMany({ where: { expiresAt: { lt: now } } })).count;
}

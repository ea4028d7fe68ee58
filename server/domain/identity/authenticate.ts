// Who is calling, for every surface: a session cookie (people in the browser), a Bearer token, or
// HTTP Basic with a token's name and secret (what Confluent serializers send). Without credentials a
// caller is anonymous and may do only what EVENTPLANE_ANONYMOUS grants that surface (default:
// nothing). A cookie-authenticated write must come from our own origin (CSRF).
import { env } from "@/env";
import { DomainError } from "@/server/errors";
import { hasScope, SCOPES, type Actor, type Role, type Scope } from "./actor";
import { checkCredentialAllowed, recordBadCredential } from "./rate-limits";
import { resolveSession, SESSION_COOKIE } from "./sessions";
import { resolveToken } from "./tokens";

export interface RequestFacts {
  method: string;
  url: string;
  headers: Headers;
}

export type AuthResult =
  | { ok: true; actor: Actor; sessionId: string | null; mustChangePassword: boolean }
  | { ok: false; status: 401 | 403 | 429; message: string; retryAfterSeconds?: number };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function anonymousScopes(raw = env.EVENTPLANE_ANONYMOUS): Scope[] {
  const wanted = (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = wanted.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`EVENTPLANE_ANONYMOUS: unknown scope ${unknown.join(", ")} (known: ${SCOPES.join(", ")})`);
  return wanted as Scope[];
}

/** The address of the caller as the nearest proxy (Next's own server) saw it. */
export function sourceIpOf(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  return forwarded ? forwarded.split(",").at(-1)!.trim() || null : headers.get("x-real-ip");
}

export function readCookie(headers: Headers, name: string): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}

function bearerOrBasic(header: string | null): { secret: string; name: string | null } | null {
  if (!header) return null;
  const [scheme, value = ""] = header.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() === "bearer") return { secret: value, name: null };
  if (scheme?.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const i = decoded.indexOf(":");
    return i < 0 ? { secret: "", name: decoded } : { secret: decoded.slice(i + 1), name: decoded.slice(0, i) };
  }
  return { secret: "", name: null };
}

/** A cookie-carrying write must say it comes from this origin; browsers always send Origin on POST. */
function sameOrigin(request: RequestFacts): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return request.headers.get("sec-fetch-site") === "same-origin";
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host || new URL(origin).host === new URL(request.url).host;
  } catch {
    return false;
  }
}

export async function authenticate(request: RequestFacts, scope: Scope, opts: { anonymous?: Scope[] } = {}): Promise<AuthResult> {
  const sourceIp = sourceIpOf(request.headers);
  const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
  const source = { sourceIp, requestId };
  const credential = bearerOrBasic(request.headers.get("authorization"));
  const cookie = credential ? null : readCookie(request.headers, SESSION_COOKIE);
  // Tokens and session secrets carry 256 random bits: guessing one is hopeless, so the brake only
  // answers a noisy client with 429 after its failures, and a valid credential costs no extra query.
  // (Passwords are guessable: sign-in checks its own limits before it looks at one.)
  const refuse = async (message: string): Promise<AuthResult> => {
    await recordBadCredential(sourceIp);
    try {
      await checkCredentialAllowed(sourceIp);
    } catch (e) {
      if (e instanceof DomainError && e.code === "RATE_LIMITED")
        return { ok: false, status: 429, message: e.message, retryAfterSeconds: Number(e.details.retryAfterSeconds) || 60 };
      throw e;
    }
    return { ok: false, status: 401, message };
  };

  if (credential) {
    const actor = await resolveToken(credential.secret, credential.name);
    if (!actor) return refuse("The token is unknown, expired or revoked");
    if (!hasScope(actor, scope)) return { ok: false, status: 403, message: `${actor.name} does not have the scope ${scope}` };
    return { ok: true, actor: { ...actor, ...source }, sessionId: null, mustChangePassword: false };
  }

  if (cookie) {
    const session = await resolveSession(cookie);
    if (!session) return refuse("Your session has ended; sign in again");
    if (!SAFE_METHODS.has(request.method.toUpperCase()) && !sameOrigin(request))
      return { ok: false, status: 403, message: "A cross-site request cannot use your session (CSRF)" };
    const u = session.user;
    const actor: Actor = { kind: "user", id: u.id, name: u.username, role: u.role as Role, teams: u.teams, scopes: SCOPES, ...source };
    return { ok: true, actor, sessionId: session.sessionId, mustChangePassword: u.mustChangePassword };
  }

  const anonymous = opts.anonymous ?? anonymousScopes();
  if (hasScope({ scopes: anonymous }, scope)) {
    const writes = anonymous.includes("write") || anonymous.includes("registry:write");
    const actor: Actor = { kind: "anonymous", id: null, name: "anonymous", role: writes ? "editor" : "viewer", teams: [], scopes: anonymous, ...source };
    return { ok: true, actor, sessionId: null, mustChangePassword: false };
  }
  return { ok: false, status: 401, message: "Sign in, or send an API token (Authorization: Bearer <token>)" };
}

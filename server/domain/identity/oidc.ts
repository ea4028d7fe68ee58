// Single sign-on with OpenID Connect: authorization code flow with PKCE, state and nonce, through
// openid-client. The ID token's groups claim (or the userinfo's, when the ID token has none) becomes
// the person's role and teams at every sign-in, so a change in the identity provider takes effect at
// the next sign-in. Accounts are keyed by issuer and subject, never by a name the provider lets users pick.
import * as client from "openid-client";
import { appendAudit } from "@/server/domain/audit";
import { db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { mapGroups, type OidcSettings } from "./oidc-settings";
import { createSession } from "./sessions";
import type { SignInSource } from "./sign-in";

/** What the browser carries from the start of the flow to its callback (sealed in a cookie). */
export interface OidcTransient {
  verifier: string;
  state: string;
  nonce: string;
  next: string;
}

const configs = new Map<string, Promise<client.Configuration>>();

const loopback = (url: URL) => ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);

function configFor(settings: OidcSettings): Promise<client.Configuration> {
  const key = `${settings.issuer} ${settings.clientId}`;
  let config = configs.get(key);
  if (!config) {
    const issuer = new URL(settings.issuer);
    // Plain http only for a provider on this machine (development, tests); anything else must be https.
    const insecure = issuer.protocol === "http:" && loopback(issuer);
    config = client
      .discovery(issuer, settings.clientId, settings.clientSecret ?? undefined, undefined, insecure ? { execute: [client.allowInsecureRequests] } : undefined)
      .catch((e: Error) => {
        configs.delete(key);
        throw new DomainError("CLUSTER_UNREACHABLE", `The identity provider ${settings.issuer} did not answer its discovery: ${e.message}`);
      });
    configs.set(key, config);
  }
  return config;
}

export async function startOidcSignIn(settings: OidcSettings, redirectUri: string, next: string): Promise<{ url: string; transient: OidcTransient }> {
  const config = await configFor(settings);
  const verifier = client.randomPKCECodeVerifier();
  const transient = { verifier, state: client.randomState(), nonce: client.randomNonce(), next };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: settings.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: transient.state,
    nonce: transient.nonce,
  });
  return { url: url.href, transient };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : []);

export async function finishOidcSignIn(settings: OidcSettings, callbackUrl: URL, transient: OidcTransient, source: SignInSource) {
  const config = await configFor(settings);
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: transient.verifier,
      expectedState: transient.state,
      expectedNonce: transient.nonce,
      idTokenExpected: true,
    });
  } catch (e) {
    throw new DomainError("UNAUTHENTICATED", `Single sign-on failed: ${(e as Error).message}`);
  }
  const claims = tokens.claims()!;
  let profile: Record<string, unknown> = claims;
  if (claims[settings.groupsClaim] === undefined || claims[settings.usernameClaim] === undefined) {
    profile = { ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims };
  }
  const { role, teams } = mapGroups(settings, strings(profile[settings.groupsClaim]));
  const subject = `${claims.iss} ${claims.sub}`;
  const who = { kind: "anonymous" as const, id: null, name: String(profile[settings.usernameClaim] ?? claims.sub), ...source };
  if (!role) {
    await appendAudit(db, who, { action: "auth.signin.failed", targetType: "user", targetId: who.name, after: { reason: "no group maps to a role" } });
    throw new DomainError("FORBIDDEN", "Your account has no group that Eventplane maps to a role (OIDC_ROLE_MAP); ask an admin");
  }
  const user = await upsertOidcUser(subject, who.name, profile, role, teams);
  if (user.disabled) throw new DomainError("FORBIDDEN", "This account is disabled in Eventplane");
  const session = await createSession(user.id, source);
  await appendAudit(db, { kind: "user", id: user.id, name: user.username, ...source }, {
    action: "auth.signin",
    targetType: "user",
    targetId: user.username,
    after: { via: "oidc", role, teams },
  });
  return { ...session, next: transient.next };
}

async function upsertOidcUser(subject: string, preferred: string, profile: Record<string, unknown>, role: string, teams: string[]) {
  const existing = await db.user.findUnique({ where: { oidcSubject: subject } });
  const oidc = { kind: "system" as const, id: null, name: "system:oidc" };
  const data = {
    role,
    teams,
    displayName: typeof profile.name === "string" ? profile.name.slice(0, 200) : "",
    email: typeof profile.email === "string" ? profile.email.slice(0, 320) : null,
    lastSignInAt: new Date(),
  };
  if (existing) {
    const user = await db.user.update({ where: { id: existing.id }, data });
    if (existing.role !== role || existing.teams.join() !== teams.join())
      await appendAudit(db, oidc, {
        action: "user.update",
        targetType: "user",
        targetId: user.username,
        before: { role: existing.role, teams: existing.teams },
        after: { role, teams, via: "identity provider groups" },
      });
    return user;
  }
  // A local account may already use the preferred name: the SSO account gets a distinct one.
  const base = preferred.replace(/[^A-Za-z0-9._@-]/g, "_").slice(0, 90) || "user";
  const taken = await db.user.findUnique({ where: { username: base } });
  const username = taken ? `${base}-sso-${subject.length.toString(36)}${Date.now().toString(36).slice(-4)}` : base;
  const user = await db.user.create({ data: { ...data, username, source: "oidc", oidcSubject: subject } });
  await appendAudit(db, oidc, { action: "user.create", targetType: "user", targetId: username, after: { role, teams, source: "oidc", subject } });
  return user;
}

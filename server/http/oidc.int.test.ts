// Single sign-on against a real OpenID provider (the certified oidc-provider package) started here:
// authorization code + PKCE through the provider's own login and consent pages, over real HTTP; the
// groups claim in the ID token decides the role and teams; a person without a mapped group is refused.
import type { Server } from "node:http";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { mapGroups, type OidcSettings } from "@/server/domain/identity";
import { freePort } from "@/scripts/lib/ports";
import { route } from "@/test/app-server";
import { trpcClient } from "@/test/http-client";
import { uniqueName } from "@/test/kafka-helpers";
import { serveHandler } from "@/test/serve-handler";
import { oidcHandlers } from "./oidc";

const GROUPS: Record<string, string[]> = {};
let issuer = "";
let app = { url: "", close: async () => {} };
let provider: Server;

const settings = (): OidcSettings => ({
  issuer,
  clientId: "eventplane",
  clientSecret: "client-secret-for-tests",
  scopes: "openid profile email groups",
  usernameClaim: "preferred_username",
  groupsClaim: "groups",
  roleMap: new Map([
    ["platform-admins", "admin"],
    ["developers", "editor"],
  ]),
  teamMap: new Map([["grp-payments", "payments"]]),
  defaultRole: null,
});

beforeAll(async () => {
  const oidc = oidcHandlers(settings, () => app.url);
  app = await serveHandler((request) => {
    const path = new URL(request.url).pathname;
    if (path === "/api/auth/oidc/start") return oidc.start(request);
    if (path === "/api/auth/oidc/callback") return oidc.callback(request);
    return route(request);
  });
  const port = await freePort();
  issuer = `http://localhost:${port}`;
  const op = new Provider(issuer, {
    clients: [
      {
        client_id: "eventplane",
        client_secret: "client-secret-for-tests",
        redirect_uris: [`${app.url}/api/auth/oidc/callback`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], profile: ["preferred_username", "name"], email: ["email"], groups: ["groups"] },
    scopes: ["openid", "profile", "email", "groups"],
    // Groups in the ID token itself, as Keycloak, Okta and Entra ID put them when asked.
    conformIdTokenClaims: false,
    cookies: { keys: ["cookie-key-for-tests"] },
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({ sub: id, preferred_username: id, name: `Person ${id}`, email: `${id}@example.test`, groups: GROUPS[id] ?? [] }),
    }),
  });
  provider = op.listen(port);
});
afterAll(async () => {
  await new Promise<void>((r) => provider.close(() => r()));
  await app.close();
});

/** A browser without JavaScript: follows redirects, keeps cookies, fills the provider's login and consent forms. */
async function browseSignIn(login: string, next = "/topics") {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  let url = `${app.url}/api/auth/oidc/start?next=${encodeURIComponent(next)}`;
  let body: string | undefined;
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, {
      method: body ? "POST" : "GET",
      redirect: "manual",
      headers: { cookie: cookieHeader(), ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      body,
    });
    keep(res);
    body = undefined;
    const location = res.headers.get("location");
    if (location) {
      url = new URL(location, url).href;
      if (url.startsWith(app.url) && !url.includes("/api/auth/oidc/")) return { landed: url, session: jar.get("eventplane_session") ?? null };
      continue;
    }
    const html = await res.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!prompt) throw new Error(`stuck at ${url}: ${res.status} ${html.slice(0, 300)}`);
    body = prompt === "login" ? `prompt=login&login=${encodeURIComponent(login)}&password=any` : "prompt=consent";
  }
  throw new Error("too many redirects");
}

describe("OpenID Connect sign-in", () => {
  it("lands with the role and teams its groups map to, and follows a later change of groups", async () => {
    const alice = uniqueName("alice");
    GROUPS[alice] = ["developers", "grp-payments", "team:growth", "unrelated"];
    const first = await browseSignIn(alice);
    expect(first.landed).toBe(`${app.url}/topics`);
    expect(first.session).toBeTruthy();
    const me = await trpcClient(app.url, { cookie: `eventplane_session=${first.session}` }).auth.me.query();
    expect(me).toMatchObject({ name: alice, kind: "user", role: "editor", teams: ["growth", "payments"] });
    expect(await db.user.findUnique({ where: { username: alice } })).toMatchObject({ source: "oidc", passwordHash: null, email: `${alice}@example.test` });

    GROUPS[alice] = ["platform-admins"];
    const again = await browseSignIn(alice);
    const now = await trpcClient(app.url, { cookie: `eventplane_session=${again.session}` }).auth.me.query();
    expect(now).toMatchObject({ role: "admin", teams: [] });
    expect(await db.user.count({ where: { username: alice } })).toBe(1);
  });

  it("refuses a person none of whose groups maps to a role, and says why", async () => {
    const bob = uniqueName("bob");
    GROUPS[bob] = ["contractors"];
    const result = await browseSignIn(bob);
    expect(result.session).toBeNull();
    expect(decodeURIComponent(result.landed)).toContain("no group that Eventplane maps to a role");
    expect(await db.user.findUnique({ where: { username: bob } })).toBeNull();
  });

  it("maps groups: the highest role wins; team:<name> groups and the team map name teams", () => {
    expect(mapGroups(settings(), ["developers", "platform-admins", "grp-payments"])).toEqual({ role: "admin", teams: ["payments"] });
    expect(mapGroups({ ...settings(), defaultRole: "viewer" }, ["team:search"])).toEqual({ role: "viewer", teams: ["search"] });
  });
});

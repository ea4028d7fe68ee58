// Who may do what, through the real HTTP surfaces: nothing without credentials but /api/health;
// viewers read; editors change only what their team (or nobody) owns; tokens are held to their
// scopes, name, expiry and revocation; a cookie cannot be used cross-site; sign-in is rate limited;
// and every change lands in the audit log with its actor.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createRule } from "@/server/domain/alerts";
import { listAuditEntries } from "@/server/domain/audit";
import { createUser, revokeToken } from "@/server/domain/identity";
import { setSubjectOwner } from "@/server/domain/schemas";
import { testAdmin } from "@/test/actors";
import { useAppServer } from "@/test/app-server";
import { createTestCluster } from "@/test/catalog-helpers";
import { signInOverHttp, trpcClient } from "@/test/http-client";
import { uniqueName } from "@/test/kafka-helpers";
import { createTestToken } from "@/test/tokens";

const app = useAppServer();
const PASSWORD = "a long enough password";
const CT = "application/vnd.schemaregistry.v1+json";

async function person(role: "viewer" | "editor" | "admin", teams: string[] = []) {
  const username = uniqueName(role);
  await createUser(testAdmin, { username, password: PASSWORD, role, teams });
  // Accounts an admin creates must choose their own password first; these are ready to use.
  await db.user.update({ where: { username }, data: { mustChangePassword: false } });
  const { cookie } = await signInOverHttp(app.url, username, PASSWORD);
  return { username, headers: { cookie: cookie!, origin: app.url } };
}

async function topicOwnedBy(team: string | null) {
  const cluster = await createTestCluster();
  return db.topic.create({
    data: {
      clusterId: cluster.id,
      name: uniqueName("owned"),
      partitionCount: 1,
      replicationFactor: 1,
      lastSeenAt: new Date(),
      ownerTeam: team,
    },
  });
}

const register = (subject: string, headers: Record<string, string>) =>
  fetch(`${app.url}/api/schema-registry/subjects/${subject}/versions`, {
    method: "POST",
    headers: { "content-type": CT, ...headers },
    body: JSON.stringify({ schema: JSON.stringify({ type: "record", name: "R", fields: [{ name: "id", type: "string" }] }) }),
  });

describe("without credentials", () => {
  it("every surface but /api/health answers 401", async () => {
    const calls: [string, RequestInit?][] = [
      ["/api/trpc/topics.facets"],
      ["/api/trpc/topics.updateMetadata", { method: "POST", body: "{}", headers: { "content-type": "application/json" } }],
      ["/api/trpc/identity.users"],
      ["/api/schema-registry/subjects"],
      ["/api/schema-registry/schemas/ids/1"],
      ["/api/schema-registry/subjects/x/versions", { method: "POST", body: "{}", headers: { "content-type": CT } }],
      ["/v1/traces", { method: "POST", body: "{}", headers: { "content-type": "application/json" } }],
      ["/metrics"],
      ["/api/asyncapi"],
      ["/api/asyncapi", { method: "POST", body: "asyncapi: 3.0.0" }],
    ];
    for (const [path, init] of calls) {
      const res = await fetch(app.url + path, init);
      expect([path, res.status]).toEqual([path, 401]);
    }
    const registry = await (await fetch(`${app.url}/api/schema-registry/subjects`)).json();
    expect(registry).toMatchObject({ error_code: 40101 });
    const health = await fetch(`${app.url}/api/health`);
    expect(health.status).toBe(200);
    // Without credentials: the verdict and counts, no cluster names or errors (they name brokers).
    expect(Object.keys((await health.json()) as object).sort()).toEqual(["clusters", "database", "status"]);
    const anonymous = JSON.stringify(await (await fetch(`${app.url}/api/health`)).json());
    expect(anonymous).not.toContain("127.0.0.1");
    expect(anonymous).toMatch(/"clusters":\{"total":\d+,"unreachable":\d+\}/);
  });
});

describe("roles", () => {
  it("a viewer reads but cannot change anything, through tRPC or the registry", async () => {
    const viewer = await person("viewer");
    const api = trpcClient(app.url, viewer.headers);
    await expect(api.topics.facets.query()).resolves.toBeTruthy();
    const topic = await topicOwnedBy(null);
    await expect(api.topics.updateMetadata.mutate({ id: topic.id, ownerTeam: null, description: "x", tags: [] })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
      message: expect.stringContaining("viewers cannot make changes"),
    });
    await expect(api.identity.createUser.mutate({ username: uniqueName("x"), password: PASSWORD, role: "admin" })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
    const res = await register(uniqueName("viewer-subject"), viewer.headers);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error_code: 40301 });
    expect((await db.topic.findUniqueOrThrow({ where: { id: topic.id } })).description).toBeNull();
  });

  it("an editor changes what their team owns, and what nobody owns only by claiming it for their team", async () => {
    const editor = await person("editor", ["payments"]);
    const api = trpcClient(app.url, editor.headers);
    const theirs = await topicOwnedBy("growth");
    const ours = await topicOwnedBy("payments");
    const nobodys = await topicOwnedBy(null);
    const edit = (id: string, ownerTeam: string | null) =>
      api.topics.updateMetadata.mutate({ id, ownerTeam, description: "edited", tags: [] });

    await expect(edit(theirs.id, "growth")).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
      message: expect.stringContaining('team "growth"'),
    });
    await expect(edit(theirs.id, "payments")).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    await expect(edit(ours.id, "payments")).resolves.toMatchObject({ description: "edited" });
    await expect(edit(ours.id, "growth")).rejects.toMatchObject({ message: expect.stringContaining("assigns their own teams only") });
    await expect(edit(nobodys.id, "growth")).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    await expect(edit(nobodys.id, "payments")).resolves.toMatchObject({ ownerTeam: "payments" });
    expect((await db.topic.findUniqueOrThrow({ where: { id: theirs.id } })).description).toBeNull();

    const audit = await listAuditEntries({ targetType: "topic", targetId: ours.id });
    expect(audit.items).toEqual([
      expect.objectContaining({
        action: "topic.update",
        actorName: editor.username,
        actorKind: "user",
        team: "payments",
        after: expect.objectContaining({ description: "edited" }),
      }),
    ]);
  });

  it("an editor's token registers schemas only under subjects its team (or nobody) owns", async () => {
    const token = await createTestToken(["registry:write"], "editor", "payments");
    const growth = uniqueName("growth-value");
    await setSubjectOwner(testAdmin, growth, "growth");
    const refused = await register(growth, token.bearer);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error_code: 40301, message: expect.stringContaining('team "growth"') });

    // A new subject is claimed by the token's team at its first registration.
    const fresh = uniqueName("payments-value");
    expect((await register(fresh, token.bearer)).status).toBe(200);
    expect(await db.subjectConfig.findUnique({ where: { subject: fresh } })).toMatchObject({ ownerTeam: "payments" });
    const config = await fetch(`${app.url}/api/schema-registry/config`, {
      method: "PUT",
      headers: { "content-type": CT, ...token.bearer },
      body: JSON.stringify({ compatibility: "NONE" }),
    });
    expect(config.status).toBe(403);
  });

  it("an editor changes their team's alert rules only; a rule watching every team is the admins'", async () => {
    const editor = await person("editor", ["payments"]);
    const api = trpcClient(app.url, editor.headers);
    const rule = (ownerTeam: string | null) => ({ name: uniqueName("rule"), kind: "dlq_depth" as const, threshold: 5, ownerTeam });
    const growthRule = await createRule(testAdmin, rule("growth"));
    await expect(api.alerts.setRuleEnabled.mutate({ id: growthRule.id, enabled: false })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
    await expect(api.alerts.createRule.mutate(rule(null))).rejects.toMatchObject({
      message: expect.stringContaining("watches every team"),
    });
    await expect(api.alerts.createRule.mutate(rule(""))).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    const own = await api.alerts.createRule.mutate(rule("payments"));
    await expect(api.alerts.updateRule.mutate({ id: own.id, rule: { ...rule("growth"), name: own.name } })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
    await expect(api.alerts.silence.mutate({ matchers: { alertname: growthRule.name }, hours: 1 })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
    await expect(api.alerts.silence.mutate({ matchers: { severity: "warning" }, hours: 1 })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
    await expect(api.alerts.silence.mutate({ matchers: { alertname: own.name }, hours: 1 })).resolves.toBeTruthy();
    expect((await db.alertRule.findUniqueOrThrow({ where: { id: growthRule.id } })).enabled).toBe(true);
  });
});

describe("the audit log", () => {
  it("shows an editor their own actions and their teams' entries, never another team's; admins all", async () => {
    const editor = await person("editor", ["payments"]);
    const marker = uniqueName("audited");
    await db.auditEntry.createMany({
      data: [
        { actorKind: "user", actorName: "someone", action: marker, targetType: "t", team: "payments" },
        { actorKind: "user", actorName: "someone", action: marker, targetType: "t", team: "growth" },
        { actorKind: "user", actorName: editor.username, action: marker, targetType: "t", team: null },
      ],
    });
    const seen = await trpcClient(app.url, editor.headers).audit.list.query({ action: marker });
    expect(seen.items.map((e) => e.team ?? `own:${e.actorName === editor.username}`).sort()).toEqual(["own:true", "payments"]);
    const admin = await person("admin");
    expect((await trpcClient(app.url, admin.headers).audit.list.query({ action: marker })).items).toHaveLength(3);
  });
});

describe("tokens", () => {
  it("are held to their scopes, name, expiry and revocation", async () => {
    const reader = await createTestToken(["registry:read"], "viewer");
    const basic = (name: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${name}:${secret}`).toString("base64")}` });
    expect((await fetch(`${app.url}/api/schema-registry/subjects`, { headers: reader.bearer })).status).toBe(200);
    expect((await fetch(`${app.url}/api/schema-registry/subjects`, { headers: basic(reader.name, reader.secret) })).status).toBe(200);
    expect((await fetch(`${app.url}/api/schema-registry/subjects`, { headers: basic("someone-else", reader.secret) })).status).toBe(401);
    expect((await register(uniqueName("scoped"), reader.bearer)).status).toBe(403);
    expect((await fetch(`${app.url}/metrics`, { headers: reader.bearer })).status).toBe(403);
    expect((await fetch(`${app.url}/api/trpc/topics.facets`, { headers: reader.bearer })).status).toBe(403);

    const expiring = await createTestToken(["metrics:read"], "viewer");
    expect((await fetch(`${app.url}/metrics`, { headers: expiring.bearer })).status).toBe(200);
    // Expired by a write this process did not make (as another process's would be): a web process keeps
    // a token's row for a second, so the refusal comes once that second has passed.
    await db.apiToken.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    for (let tries = 0; (await fetch(`${app.url}/metrics`, { headers: expiring.bearer })).status !== 401; tries++) {
      if (tries > 100) throw new Error("the expired token was still accepted after 10 s");
      await new Promise((r) => setTimeout(r, 100));
    }

    await revokeToken(testAdmin, reader.id);
    expect((await fetch(`${app.url}/api/schema-registry/subjects`, { headers: reader.bearer })).status).toBe(401);
    const stored = await db.apiToken.findUniqueOrThrow({ where: { id: reader.id } });
    expect(stored.secretHash).not.toContain(reader.secret);
    expect(stored.lastUsedAt).not.toBeNull();
  });
});

describe("sessions", () => {
  it("a cookie cannot make a change from another origin (CSRF)", async () => {
    const admin = await person("admin");
    const topic = await topicOwnedBy(null);
    const post = (origin: string) =>
      fetch(`${app.url}/api/trpc/topics.updateMetadata`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: admin.headers.cookie, origin },
        body: JSON.stringify({ json: { id: topic.id, ownerTeam: null, description: "csrf", tags: [] } }),
      });
    expect((await post("http://evil.example")).status).toBe(403);
    expect((await db.topic.findUniqueOrThrow({ where: { id: topic.id } })).description).toBeNull();
    expect((await post(app.url)).status).toBe(200);
  });

  it("wrong passwords are refused alike, audited, and blocked after 10 in a row", async () => {
    const viewer = await person("viewer");
    const unknown = await signInOverHttp(app.url, uniqueName("nobody"), PASSWORD);
    expect(unknown).toEqual({ status: 401, cookie: null });
    for (let i = 0; i < 10; i++) expect((await signInOverHttp(app.url, viewer.username, "wrong password!")).status).toBe(401);
    expect((await signInOverHttp(app.url, viewer.username, PASSWORD)).status).toBe(429);
    const log = await listAuditEntries({ targetType: "user", targetId: viewer.username, limit: 20 });
    const actions = log.items.map((e) => e.action);
    expect(actions.filter((a) => a === "auth.signin.failed")).toHaveLength(10);
    expect(actions[0]).toBe("auth.signin.blocked");
  });

  it("an account that must choose its password can do nothing else first", async () => {
    const username = uniqueName("fresh");
    await createUser(testAdmin, { username, password: PASSWORD, role: "admin" });
    const { cookie } = await signInOverHttp(app.url, username, PASSWORD);
    const api = trpcClient(app.url, { cookie: cookie!, origin: app.url });
    await expect(api.topics.facets.query()).rejects.toMatchObject({ message: expect.stringContaining("Choose a new password") });
    await api.auth.changePassword.mutate({ current: PASSWORD, next: "another long password" });
    await expect(api.topics.facets.query()).resolves.toBeTruthy();
  });
});

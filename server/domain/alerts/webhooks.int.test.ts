// A webhook's URL and headers are secrets: encrypted at rest, never returned, kept when an edit leaves
// them blank; and the delivery's own DNS lookup refuses internal addresses (no check-then-resolve gap).
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { db } from "@/server/db";
import { testAdmin } from "@/test/actors";
import { uniqueName } from "@/test/kafka-helpers";
import { postWebhook } from "./post-webhook";
import { TargetRefused } from "./target-guard";

const caller = createCaller({ actor: testAdmin });
let receiver: Server;
let port = 0;
const seen: { url: string; authorization?: string }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    seen.push({ url: req.url ?? "", authorization: req.headers.authorization });
    res.end("ok");
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  port = (receiver.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

describe("webhook secrets", () => {
  it("stores the URL and headers encrypted, shows only scheme://host and header names, and keeps them through an edit", async () => {
    const url = `http://127.0.0.1:${port}/services/T000/B000/XXXXsecretpath`;
    const created = await caller.alerts.createEndpoint({
      name: uniqueName("slack"),
      url,
      headers: { Authorization: "Bearer hook-token-123" },
    });
    const listed = JSON.stringify(await caller.alerts.endpoints());
    expect(listed).not.toContain("XXXXsecretpath");
    expect(listed).not.toContain("hook-token-123");
    expect(created).toMatchObject({ url: `http://127.0.0.1:${port}/…`, headerNames: ["Authorization"] });
    const text = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? String(x) : x));
    const raw = text(await db.$queryRaw`SELECT * FROM "WebhookEndpoint" WHERE id = ${created.id}`);
    expect(raw).not.toContain("XXXXsecretpath");
    expect(raw).not.toContain("hook-token-123");
    const audit = text(await db.auditEntry.findMany({ where: { targetId: created.id } }));
    expect(audit).not.toContain("XXXXsecretpath");
    expect(audit).not.toContain("hook-token-123");

    // Renamed without retyping: the stored URL and header still reach the receiver.
    await caller.alerts.updateEndpoint({
      id: created.id,
      endpoint: { name: `${created.name}-renamed`, url: "", headers: { Authorization: "" } },
    });
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } });
    const { opened } = await import("./webhook-secrets");
    expect(opened(row)).toEqual({ url, headers: { Authorization: "Bearer hook-token-123" } });
  });

  it("refuses a host name that resolves to loopback in the connection's own lookup, so nothing connects", async () => {
    const before = seen.length;
    const attempt = postWebhook(`http://localhost:${port}/hook`, {}, "{}", { timeoutMs: 2_000, allowed: new Set(), keepChars: 10 });
    await expect(attempt).rejects.toBeInstanceOf(TargetRefused);
    await expect(
      postWebhook(`http://[::ffff:127.0.0.1]:${port}/hook`, {}, "{}", { timeoutMs: 2_000, allowed: new Set(), keepChars: 10 }),
    ).rejects.toBeInstanceOf(TargetRefused);
    expect(seen.length).toBe(before);
    // Allowed, the same request goes through.
    await expect(
      postWebhook(`http://localhost:${port}/hook`, {}, "{}", { timeoutMs: 2_000, allowed: new Set(["loopback"]), keepChars: 10 }),
    ).resolves.toEqual({
      status: 200,
      text: "ok",
    });
  });
});

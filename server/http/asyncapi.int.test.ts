// AsyncAPI import over HTTP: a document cannot make the server read its files or call addresses
// through `$ref` (the parser resolves file and URL references by default), and 2.x documents import
// as declarations like 3.0 ones do.
import { createServer, type Server } from "node:http";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { useAppServer } from "@/test/app-server";
import { uniqueName } from "@/test/kafka-helpers";
import { createTestToken } from "@/test/tokens";

const app = useAppServer();
let auth: Record<string, string> = {};
let internal: Server;
let internalUrl = "";
let internalHits = 0;
const secretFile = join(mkdtempSync(join(tmpdir(), "asyncapi-")), "secret.key");

beforeAll(async () => {
  auth = (await createTestToken(["write"], "admin")).bearer;
  writeFileSync(secretFile, "TOP-SECRET-KEY-MATERIAL");
  internal = createServer((_req, res) => {
    internalHits++;
    res.end('"INTERNAL-ANSWER"');
  });
  await new Promise<void>((r) => internal.listen(0, "127.0.0.1", r));
  internalUrl = `http://127.0.0.1:${(internal.address() as { port: number }).port}/title.json`;
});
afterAll(() => new Promise<void>((r) => internal.close(() => r())));

const post = (doc: string, service?: string) =>
  fetch(`${app.url}/api/asyncapi${service ? `?service=${service}` : ""}`, { method: "POST", headers: { "content-type": "application/yaml", ...auth }, body: doc });

describe("AsyncAPI import", () => {
  it("refuses $refs to local files and URLs, without reading or calling them", async () => {
    for (const ref of [secretFile, `file://${secretFile}`, internalUrl, "./secret.key"]) {
      const doc = `asyncapi: 3.0.0\ninfo:\n  title:\n    $ref: '${ref}'\n  version: 1.0.0\n`;
      const res = await post(doc);
      const body = await res.text();
      expect([ref, res.status]).toEqual([ref, 400]);
      expect(body).toContain("points outside the document");
      expect(body).not.toContain("TOP-SECRET");
      expect(body).not.toContain("INTERNAL-ANSWER");
    }
    expect(internalHits).toBe(0);
    expect(await db.service.count({ where: { name: { contains: "SECRET" } } })).toBe(0);
  });

  it("refuses a service name or filter no column could hold (NUL) with 400, before anything else", async () => {
    const doc = "asyncapi: 3.0.0\ninfo: { title: t, version: 1.0.0 }\n";
    expect((await post(doc, "a%00b")).status).toBe(400);
    expect((await fetch(`${app.url}/api/asyncapi?team=%00`, { headers: auth })).status).toBe(400);
  });

  it("imports a 2.x document's publish and subscribe operations as declarations", async () => {
    const service = uniqueName("legacy-app");
    const topic = uniqueName("legacy-topic");
    const doc = [
      "asyncapi: 2.6.0",
      "info: { title: Legacy, version: 1.0.0 }",
      "channels:",
      `  ${topic}:`,
      "    subscribe:",
      "      message: { payload: { type: string } }",
      `  ${topic}-replies:`,
      "    publish:",
      "      message: { payload: { type: string } }",
    ].join("\n");
    const res = await post(doc, service);
    expect(res.status).toBe(200);
    const declared = await db.declaredEdge.findMany({ where: { service }, orderBy: { topic: "asc" } });
    // In 2.x, "subscribe" is what the application sends and "publish" what it receives.
    expect(declared.map((d) => [d.direction, d.topic])).toEqual([
      ["produces", topic],
      ["consumes", `${topic}-replies`],
    ]);
  });
});

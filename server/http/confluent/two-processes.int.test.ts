// Two web processes on one database, each keeping the registry in its own memory: whatever one
// acknowledges, the other answers at once (no waiting, no retry), for versions, settings, lookups
// and deletions, whichever process wrote.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueName } from "@/test/kafka-helpers";
import { startProcess } from "@/test/other-process";
import { useRegistryServer } from "@/test/registry-server";

const here = useRegistryServer();
const other = { base: "", stop: async () => {} };
beforeAll(async () => {
  const started = await startProcess("test/fixtures/registry-process.ts", /listening (http:\S+)/);
  other.base = `${started.match[1]}/api/schema-registry`;
  other.stop = started.stop;
}, 60_000);
afterAll(() => other.stop());

const CT = "application/vnd.schemaregistry.v1+json";
async function call(base: string, method: string, path: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": CT, ...here.auth },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as any };
}
const record = (fields: number) =>
  JSON.stringify({
    type: "record",
    name: "Order",
    fields: Array.from({ length: fields }, (_, i) => ({ name: `f${i}`, type: "string", default: "" })),
  });

describe("two web processes on one database", () => {
  it("each reads what the other wrote the moment it was acknowledged", { timeout: 120_000 }, async () => {
    const subject = uniqueName("shared");
    const processes = [here.base, other.base];
    for (let i = 1; i <= 12; i++) {
      const [writer, reader] = i % 2 ? processes : [...processes].reverse();
      const written = await call(writer!, "POST", `/subjects/${subject}/versions`, { schema: record(i) });
      expect(written.status).toBe(200);
      // Read back on the other process, immediately: by version, as latest, by lookup, in the list.
      expect(await call(reader!, "GET", `/subjects/${subject}/versions/latest`)).toMatchObject({
        status: 200,
        json: { version: i, id: written.json.id },
      });
      expect(await call(reader!, "POST", `/subjects/${subject}`, { schema: record(i) })).toMatchObject({
        status: 200,
        json: { version: i, id: written.json.id },
      });
      expect((await call(reader!, "GET", `/subjects/${subject}/versions`)).json).toHaveLength(i);
      // Re-registering on the reader is idempotent there too: the same version, nothing new.
      expect(await call(reader!, "POST", `/subjects/${subject}/versions`, { schema: record(i) })).toMatchObject({
        status: 200,
        json: { id: written.json.id },
      });
    }

    // Settings: a level set on one process governs a check on the other at once.
    expect((await call(other.base, "PUT", `/config/${subject}`, { compatibility: "NONE" })).status).toBe(200);
    expect(await call(here.base, "GET", `/config/${subject}`)).toMatchObject({ json: { compatibilityLevel: "NONE" } });
    const unrelated = { schema: JSON.stringify({ type: "record", name: "Other", fields: [{ name: "x", type: "int" }] }) };
    expect(await call(here.base, "POST", `/compatibility/subjects/${subject}/versions/latest`, unrelated)).toMatchObject({
      json: { is_compatible: true },
    });
    expect((await call(here.base, "PUT", `/config/${subject}`, { compatibility: "BACKWARD" })).status).toBe(200);
    expect(await call(other.base, "POST", `/compatibility/subjects/${subject}/versions/latest`, unrelated)).toMatchObject({
      json: { is_compatible: false },
    });

    // Mode: read-only on one process refuses a registration on the other.
    expect((await call(here.base, "PUT", `/mode/${subject}`, { mode: "READONLY" })).status).toBe(200);
    expect(await call(other.base, "POST", `/subjects/${subject}/versions`, { schema: record(13) })).toMatchObject({
      status: 422,
      json: { error_code: 42205 },
    });
    expect((await call(other.base, "PUT", `/mode/${subject}`, { mode: "READWRITE" })).status).toBe(200);

    // Deletion: the latest version deleted on one process is gone from the other's answers.
    expect((await call(other.base, "DELETE", `/subjects/${subject}/versions/12`)).status).toBe(200);
    expect(await call(here.base, "GET", `/subjects/${subject}/versions/latest`)).toMatchObject({ json: { version: 11 } });
    expect(await call(here.base, "POST", `/subjects/${subject}`, { schema: record(12) })).toMatchObject({ status: 404 });
    expect((await call(here.base, "DELETE", `/subjects/${subject}`)).status).toBe(200);
    expect(await call(other.base, "GET", `/subjects/${subject}/versions`)).toMatchObject({ status: 404, json: { error_code: 40401 } });
  });
});

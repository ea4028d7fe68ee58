// Registry inputs that once broke it, each through the REST API: a JSON Schema `$ref` to an `$id`
// anchor (answered 500), a pattern built to backtrack (froze the web process), and concurrent
// registrations that were each checked only against what existed before either of them.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { uniqueName } from "@/test/kafka-helpers";
import { useRegistryServer } from "@/test/registry-server";

const server = useRegistryServer();
const CT = "application/vnd.schemaregistry.v1+json";
const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(server.base + path, {
    method,
    headers: { "content-type": CT, ...server.auth },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as any };
};
const json = (schema: object) => ({ schemaType: "JSON", schema: JSON.stringify(schema) });

describe("registry inputs that once broke it", () => {
  it("resolves a $ref to an $id anchor (draft-07) when checking compatibility", async () => {
    const subject = uniqueName("anchored");
    const schema = (street: string) => ({
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      properties: { shipTo: { $ref: "#Address" } },
      definitions: { address: { $id: "#Address", type: "object", properties: { street: { type: street } } } },
    });
    expect((await call("POST", `/subjects/${subject}/versions`, json(schema("string")))).status).toBe(200);
    // The verdict looks through the anchor: the street's type change inside it is found.
    const check = await call("POST", `/compatibility/subjects/${subject}/versions/latest?verbose=true`, json(schema("integer")));
    expect(check).toMatchObject({ status: 200, json: { is_compatible: false } });
    expect(JSON.stringify(check.json.messages)).toContain("street");
    const broken = await call("POST", `/compatibility/subjects/${subject}/versions/latest`, {
      schemaType: "JSON",
      schema: JSON.stringify({ type: "object", properties: { shipTo: { $ref: "#Nowhere" } } }),
    });
    expect(broken).toMatchObject({ status: 422, json: { error_code: 42201, message: expect.stringContaining("#Nowhere") } });
  });

  it("answers at once for a pattern that would backtrack for hours in a JavaScript RegExp", async () => {
    const subject = uniqueName("redos");
    const key = `${"a".repeat(40)}!`;
    expect((await call("PUT", `/config/${subject}`, { compatibility: "BACKWARD" })).status).toBe(200);
    expect(
      (await call("POST", `/subjects/${subject}/versions`, json({ type: "object", properties: { [key]: { type: "string" } } }))).status,
    ).toBe(200);
    const check = await call(
      "POST",
      `/compatibility/subjects/${subject}/versions/latest`,
      json({ type: "object", properties: { [key]: { type: "string" } }, patternProperties: { "^(a+)+$": { type: "integer" } } }),
    );
    expect(check.status).toBe(200);
    const backreference = await call("POST", `/subjects/${uniqueName("backref")}/versions`, json({ type: "string", pattern: "^(a)\\1$" }));
    expect(backreference).toMatchObject({ status: 422, json: { error_code: 42201 } });
  });

  it("answers 400 for a query parameter no column could hold, instead of 500 from the database", async () => {
    expect(await call("GET", "/schemas?subjectPrefix=%00x")).toMatchObject({ status: 400, json: { error_code: 400 } });
  });

  it("checks concurrent registrations against each other: of two that clash, one is refused", async () => {
    const record = (field: object | null) =>
      JSON.stringify({ type: "record", name: "Order", fields: [{ name: "id", type: "string" }, ...(field ? [field] : [])] });
    // Each is compatible with v1, but B cannot read A's data (an int is not a string) and A not B's.
    const a = record({ name: "amount", type: "int", default: 0 });
    const b = record({ name: "amount", type: "string", default: "" });
    const outcomes: number[][] = [];
    for (let round = 0; round < 8; round++) {
      const subject = uniqueName("race");
      expect((await call("PUT", `/config/${subject}`, { compatibility: "BACKWARD" })).status).toBe(200);
      expect((await call("POST", `/subjects/${subject}/versions`, { schema: record(null) })).status).toBe(200);
      const results = await Promise.all([a, b].map((schema) => call("POST", `/subjects/${subject}/versions`, { schema })));
      outcomes.push(results.map((r) => r.status).sort());
      const versions = await call("GET", `/subjects/${subject}/versions`);
      expect(versions.json).toEqual([1, 2]);
    }
    expect(outcomes).toEqual(Array.from({ length: 8 }, () => [200, 409]));
  });

  it("numbers ten registrations to one subject at the same moment 1 to 10, each audited once with its id", async () => {
    // All ten are decided from the same state; one call writes, the others find the subject moved and
    // are decided again under the lock, one after another.
    const subject = uniqueName("crowd");
    expect((await call("PUT", `/config/${subject}`, { compatibility: "NONE" })).status).toBe(200);
    const schemas = Array.from({ length: 10 }, (_, i) =>
      JSON.stringify({ type: "record", name: "Crowd", fields: [{ name: `f${i}`, type: "string" }] }),
    );
    const results = await Promise.all(schemas.map((schema) => call("POST", `/subjects/${subject}/versions`, { schema })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect((await call("GET", `/subjects/${subject}/versions`)).json).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const ids = results.map((r) => r.json.id as number);
    const entries = await db.auditEntry.findMany({ where: { targetType: "subject", targetId: subject, action: "schema.register" } });
    expect(entries.map((e) => (e.after as { version: number }).version).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(entries.map((e) => (e.after as { id: number }).id).sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
    for (const [i, schema] of schemas.entries()) {
      const found = await call("POST", `/subjects/${subject}`, { schema });
      expect(found.json).toMatchObject({ id: ids[i] });
    }
  });

  it("gives one id to one schema registered under many subjects at the same moment", async () => {
    // Registrations of different subjects run side by side: the schema row is written by one of them.
    for (let round = 0; round < 4; round++) {
      const schema = JSON.stringify({
        type: "record",
        name: uniqueName("Shared").replace(/-/g, "_"),
        fields: [{ name: "id", type: "string" }],
      });
      const results = await Promise.all(
        Array.from({ length: 6 }, () => call("POST", `/subjects/${uniqueName("same")}/versions`, { schema })),
      );
      expect(results.map((r) => r.status)).toEqual(Array(6).fill(200));
      expect(new Set(results.map((r) => r.json.id)).size).toBe(1);
    }
  });
});

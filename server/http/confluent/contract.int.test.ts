// The Confluent REST contract over real HTTP: status codes, error_codes, bodies and content types
// for every endpoint we serve (anchors.md §5), against a real PostgreSQL.
import { describe, expect, it } from "vitest";
import { useRegistryServer } from "@/test/registry-server";
import { uniqueName } from "@/test/kafka-helpers";

const server = useRegistryServer();

const CT = "application/vnd.schemaregistry.v1+json";
async function call(method: string, path: string, body?: unknown, raw?: string) {
  const res = await fetch(server.base + path, {
    method,
    headers: { "content-type": CT, accept: CT, ...server.auth },
    ...(body !== undefined || raw !== undefined ? { body: raw ?? JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* raw schema text */
  }
  return { status: res.status, json: json as any, text, type: res.headers.get("content-type") };
}

const avro = (fields: object[]) => JSON.stringify({ type: "record", name: "Order", namespace: "shop", fields });
const v1 = avro([{ name: "id", type: "string" }]);
const v2 = avro([
  { name: "id", type: "string" },
  { name: "amount", type: "double", default: 0 },
]);
const breaking = avro([
  { name: "id", type: "string" },
  { name: "qty", type: "int" },
]);

describe("Confluent Schema Registry REST contract", () => {
  it("answers the root, the types and the contexts", async () => {
    expect(await call("GET", "/")).toMatchObject({ status: 200, json: {}, type: CT });
    expect((await call("GET", "/schemas/types")).json).toEqual(["JSON", "PROTOBUF", "AVRO"]);
    expect((await call("GET", "/contexts")).json).toEqual(["."]);
  });

  it("registers idempotently, shares ids across subjects and reads versions back", async () => {
    const subject = uniqueName("orders-value");
    const first = await call("POST", `/subjects/${subject}/versions`, { schema: v1 });
    expect(first.status).toBe(200);
    expect(first.json.id).toBeGreaterThan(0);
    const again = await call("POST", `/subjects/${subject}/versions`, { schema: JSON.stringify(JSON.parse(v1), null, 2) });
    expect(again.json.id).toBe(first.json.id);
    const other = uniqueName("copy-value");
    expect((await call("POST", `/subjects/${other}/versions`, { schema: v1 })).json.id).toBe(first.json.id);
    const second = await call("POST", `/subjects/${subject}/versions`, { schema: v2, schemaType: "AVRO" });
    expect(second.json.id).not.toBe(first.json.id);

    expect((await call("GET", `/subjects/${subject}/versions`)).json).toEqual([1, 2]);
    const latest = await call("GET", `/subjects/${subject}/versions/latest`);
    expect(latest.json).toEqual({ subject, version: 2, id: second.json.id, schema: v2 });
    expect((await call("GET", `/subjects/${subject}/versions/-1`)).json.version).toBe(2);
    expect((await call("GET", `/subjects/${subject}/versions/1/schema`)).text).toBe(v1);
    expect((await call("GET", `/schemas/ids/${first.json.id}`)).json).toEqual({ schema: v1 });
    expect((await call("GET", `/schemas/ids/${first.json.id}/schema`)).text).toBe(v1);
    expect((await call("GET", `/schemas/ids/${first.json.id}/subjects`)).json).toEqual([subject, other].sort());
    expect((await call("GET", `/schemas/ids/${first.json.id}/versions`)).json).toEqual(
      [
        { subject, version: 1 },
        { subject: other, version: 1 },
      ].sort((a, b) => a.subject.localeCompare(b.subject)),
    );
    expect((await call("GET", `/subjects?subjectPrefix=${subject}`)).json).toEqual([subject]);
    const lookup = await call("POST", `/subjects/${subject}`, { schema: v1 });
    expect(lookup.json).toEqual({ subject, version: 1, id: first.json.id, schema: v1 });
    const listed = await call("GET", `/schemas?subjectPrefix=${subject}&latestOnly=true`);
    expect(listed.json).toEqual([{ subject, version: 2, id: second.json.id, schema: v2 }]);
  });

  it("refuses incompatible schemas with 409 and explains why with verbose", async () => {
    const subject = uniqueName("strict-value");
    await call("POST", `/subjects/${subject}/versions`, { schema: v1 });
    const refused = await call("POST", `/subjects/${subject}/versions`, { schema: breaking });
    expect(refused.status).toBe(409);
    expect(refused.json.error_code).toBe(409);
    expect(refused.json.message).toContain("READER_FIELD_MISSING_DEFAULT_VALUE");
    const check = await call("POST", `/compatibility/subjects/${subject}/versions/latest?verbose=true`, { schema: breaking });
    expect(check.json.is_compatible).toBe(false);
    expect(check.json.messages.join(" ")).toContain("/fields/1");
    expect((await call("POST", `/compatibility/subjects/${subject}/versions`, { schema: v2 })).json).toEqual({ is_compatible: true });
  });

  it("keeps subject-level config before the subject exists, with defaultToGlobal and 40408", async () => {
    const subject = uniqueName("fresh-value");
    expect(await call("GET", `/config/${subject}`)).toMatchObject({ status: 404, json: { error_code: 40408 } });
    expect((await call("GET", `/config/${subject}?defaultToGlobal=true`)).json).toEqual({ compatibilityLevel: "BACKWARD" });
    expect((await call("PUT", `/config/${subject}`, { compatibility: "FULL" })).json).toEqual({ compatibility: "FULL" });
    expect((await call("GET", `/config/${subject}`)).json).toEqual({ compatibilityLevel: "FULL" });
    expect(await call("PUT", `/config/${subject}`, { compatibility: "SIDEWAYS" })).toMatchObject({
      status: 422,
      json: { error_code: 42203 },
    });
    expect((await call("DELETE", `/config/${subject}`)).json).toEqual({ compatibilityLevel: "FULL" });
    expect((await call("GET", "/config")).json.compatibilityLevel).toBe("BACKWARD");
  });

  it("enforces modes: READONLY refuses, IMPORT takes ids, 40409 without a subject mode", async () => {
    const subject = uniqueName("moded-value");
    expect(await call("GET", `/mode/${subject}`)).toMatchObject({ status: 404, json: { error_code: 40409 } });
    expect((await call("GET", "/mode")).json).toEqual({ mode: "READWRITE" });
    expect(await call("PUT", `/mode/${subject}`, { mode: "SOMETIMES" })).toMatchObject({ status: 422, json: { error_code: 42204 } });
    await call("PUT", `/mode/${subject}`, { mode: "READONLY" });
    expect(await call("POST", `/subjects/${subject}/versions`, { schema: v1 })).toMatchObject({ status: 422, json: { error_code: 42205 } });
    await call("PUT", `/mode/${subject}`, { mode: "IMPORT" });
    // A schema and an id no other test file registers: ids are global across the run.
    const imported = JSON.stringify({ type: "enum", name: subject.replace(/\W/g, "_"), symbols: ["A"] });
    const id = 900_000 + Math.floor(Math.random() * 90_000);
    expect((await call("POST", `/subjects/${subject}/versions`, { schema: imported, id, version: 7 })).json).toMatchObject({
      id,
      version: 7,
    });
    expect((await call("GET", `/schemas/ids/${id}`)).json).toEqual({ schema: imported });
    expect(await call("POST", `/subjects/${subject}/versions`, { schema: imported, id: id + 1 })).toMatchObject({
      status: 422,
      json: { error_code: 42207 },
    });
    expect((await call("DELETE", `/mode/${subject}`)).json).toEqual({ mode: "IMPORT" });
  });

  it("soft-deletes before permanent deletes, with the Confluent error codes", async () => {
    const subject = uniqueName("deleted-value");
    const { json } = await call("POST", `/subjects/${subject}/versions`, { schema: v1 });
    await call("POST", `/subjects/${subject}/versions`, { schema: v2 });
    expect(await call("DELETE", `/subjects/${subject}/versions/1?permanent=true`)).toMatchObject({
      status: 404,
      json: { error_code: 40407 },
    });
    expect((await call("DELETE", `/subjects/${subject}/versions/1`)).json).toBe(1);
    expect(await call("DELETE", `/subjects/${subject}/versions/1`)).toMatchObject({ status: 404, json: { error_code: 40406 } });
    expect((await call("GET", `/subjects/${subject}/versions`)).json).toEqual([2]);
    expect((await call("GET", `/subjects/${subject}/versions?deleted=true`)).json).toEqual([1, 2]);
    expect((await call("GET", `/subjects/${subject}/versions?deleted=true&deletedAsNegative=true`)).json).toEqual([-1, 2]);
    expect(await call("GET", `/subjects/${subject}/versions/1`)).toMatchObject({ status: 404, json: { error_code: 40402 } });
    expect((await call("GET", `/subjects/${subject}/versions/1?deleted=true`)).json.id).toBe(json.id);
    expect((await call("GET", `/schemas/ids/${json.id}`)).status).toBe(200);
    expect(await call("DELETE", `/subjects/${subject}?permanent=true`)).toMatchObject({ status: 404, json: { error_code: 40405 } });
    expect((await call("DELETE", `/subjects/${subject}`)).json).toEqual([2]);
    expect(await call("DELETE", `/subjects/${subject}`)).toMatchObject({ status: 404, json: { error_code: 40404 } });
    expect((await call("GET", `/subjects?deletedOnly=true&subjectPrefix=${subject}`)).json).toEqual([subject]);
    expect((await call("DELETE", `/subjects/${subject}?permanent=true`)).json).toEqual([1, 2]);
    expect(await call("GET", `/subjects/${subject}/versions`)).toMatchObject({ status: 404, json: { error_code: 40401 } });
  });

  it("tracks references both ways and refuses to delete a referenced version", async () => {
    const base = uniqueName("address");
    const user = uniqueName("user-value");
    const address = JSON.stringify({ type: "record", name: "Address", namespace: "shop", fields: [{ name: "city", type: "string" }] });
    await call("POST", `/subjects/${base}/versions`, { schema: address });
    const withRef = JSON.stringify({ type: "record", name: "User", namespace: "shop", fields: [{ name: "home", type: "shop.Address" }] });
    const reg = await call("POST", `/subjects/${user}/versions`, {
      schema: withRef,
      references: [{ name: "shop.Address", subject: base, version: 1 }],
    });
    expect(reg.status).toBe(200);
    expect((await call("GET", `/subjects/${base}/versions/1/referencedby`)).json).toEqual([reg.json.id]);
    expect((await call("GET", `/subjects/${user}/versions/1`)).json.references).toEqual([
      { name: "shop.Address", subject: base, version: 1 },
    ]);
    expect(await call("DELETE", `/subjects/${base}/versions/1`)).toMatchObject({ status: 422, json: { error_code: 42206 } });
    const missing = await call("POST", `/subjects/${user}/versions`, {
      schema: withRef,
      references: [{ name: "shop.Address", subject: "nope", version: 1 }],
    });
    expect(missing).toMatchObject({ status: 422, json: { error_code: 42201 } });
  });

  it("answers bad input with the exact error codes and never a crash", async () => {
    const subject = uniqueName("bad-value");
    expect(await call("POST", `/subjects/${subject}/versions`, { schema: "{not json" })).toMatchObject({
      status: 422,
      json: { error_code: 42201 },
    });
    expect(await call("POST", `/subjects/${subject}/versions`, { schema: v1, schemaType: "XML" })).toMatchObject({
      status: 422,
      json: { error_code: 42201 },
    });
    expect(
      await call("POST", `/subjects/${subject}/versions`, { schema: "syntax = 'proto3'; message {", schemaType: "PROTOBUF" }),
    ).toMatchObject({
      status: 422,
      json: { error_code: 42201 },
    });
    expect(await call("POST", `/subjects/${subject}/versions`, undefined, "][")).toMatchObject({ status: 400 });
    expect(await call("GET", `/subjects/${subject}/versions/0`)).toMatchObject({ status: 422, json: { error_code: 42202 } });
    expect(await call("GET", `/subjects/${subject}/versions/abc`)).toMatchObject({ status: 422, json: { error_code: 42202 } });
    expect(await call("GET", `/subjects/${subject}/versions/1`)).toMatchObject({ status: 404, json: { error_code: 40401 } });
    expect(await call("POST", `/subjects/${subject}`, { schema: v1 })).toMatchObject({ status: 404, json: { error_code: 40401 } });
    await call("POST", `/subjects/${subject}/versions`, { schema: v1 });
    // A lookup finds a stored schema without parsing the candidate, but an invalid one is still called invalid.
    for (const schema of ["{not json", JSON.stringify({ type: "no-such-type" })])
      expect(await call("POST", `/subjects/${subject}`, { schema })).toMatchObject({ status: 422, json: { error_code: 42201 } });
    expect(await call("POST", `/subjects/${subject}`, { schema: v2 })).toMatchObject({ status: 404, json: { error_code: 40403 } });
    expect(await call("GET", "/schemas/ids/987654321")).toMatchObject({ status: 404, json: { error_code: 40403 } });
    expect(await call("PUT", `/config/%20`, { compatibility: "FULL" })).toMatchObject({ status: 422, json: { error_code: 42208 } });
    const huge = JSON.stringify({ schema: JSON.stringify({ type: "string", doc: "x".repeat(3 * 1024 * 1024) }) });
    expect(await call("POST", `/subjects/${subject}/versions`, undefined, huge)).toMatchObject({
      status: 413,
      json: { error_code: 42209 },
    });
    expect((await call("GET", "/nowhere")).status).toBe(404);
    expect((await call("PATCH", "/config")).status).toBe(405);
  });

  it("decodes subject names once, so an encoded slash is part of the name", async () => {
    const subject = `${uniqueName("team")}/orders-value`;
    const reg = await call("POST", `/subjects/${encodeURIComponent(subject)}/versions`, { schema: v1 });
    expect(reg.status).toBe(200);
    expect((await call("GET", `/subjects/${encodeURIComponent(subject)}/versions/1`)).json.subject).toBe(subject);
  });

  it("registers JSON Schema and Protobuf with their schemaType and paginates lists", async () => {
    const subject = uniqueName("json-value");
    const jsonSchema = JSON.stringify({ type: "object", properties: { id: { type: "string" } } });
    const reg = await call("POST", `/subjects/${subject}/versions`, { schema: jsonSchema, schemaType: "JSON" });
    expect((await call("GET", `/schemas/ids/${reg.json.id}`)).json).toEqual({ schemaType: "JSON", schema: jsonSchema });
    const proto = uniqueName("proto-value");
    const text = 'syntax = "proto3";\npackage shop;\nmessage Order { string id = 1; }';
    const p = await call("POST", `/subjects/${proto}/versions`, { schema: text, schemaType: "PROTOBUF" });
    expect((await call("GET", `/subjects/${proto}/versions/1`)).json).toEqual({
      subject: proto,
      version: 1,
      id: p.json.id,
      schemaType: "PROTOBUF",
      schema: text,
    });
    const prefix = subject.slice(0, 6);
    const all = (await call("GET", `/subjects?subjectPrefix=${prefix}`)).json as string[];
    expect((await call("GET", `/subjects?subjectPrefix=${prefix}&offset=0&limit=1`)).json).toEqual(all.slice(0, 1));
  });
});

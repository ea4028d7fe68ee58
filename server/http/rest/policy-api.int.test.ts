// The policy as code over HTTP: a YAML document put by an admin's token and read back; the check a CI
// pipeline calls for a proposed schema or topic; and a rule set to "error" refusing a registration
// through the Confluent REST API with the rule named, while a schema that meets it is registered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { currentPolicy, setPolicy } from "@/server/domain/policies";
import { useAppServer } from "@/test/app-server";
import { testAdmin } from "@/test/actors";
import { createTestCluster } from "@/test/catalog-helpers";
import { uniqueName } from "@/test/kafka-helpers";
import { createTestToken } from "@/test/tokens";

const app = useAppServer();
let admin: Record<string, string> = {};
let viewer: Record<string, string> = {};
let registry: Record<string, string> = {};
let clusterName = "";
let previous: Awaited<ReturnType<typeof currentPolicy>>["document"];

const avro = (name: string, fields: string[]) =>
  JSON.stringify({ type: "record", name, namespace: "shop.orders", fields: fields.map((f) => ({ name: f, type: "string" })) });
const ENVELOPE = ["eventId", "timestamp", "version", "aggregateId", "correlationId"];

beforeAll(async () => {
  previous = (await currentPolicy()).document;
  admin = (await createTestToken(["read", "write"], "admin")).bearer;
  viewer = (await createTestToken(["read", "write"], "viewer")).bearer;
  registry = (await createTestToken(["registry:read", "registry:write"], "admin")).bearer;
  const cluster = await createTestCluster();
  clusterName = (await db.cluster.findUniqueOrThrow({ where: { id: cluster.id } })).name;
});

afterAll(async () => {
  await setPolicy(testAdmin, previous);
});

const check = (body: unknown, headers = admin) =>
  fetch(`${app.url}/api/policy/check`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const putPolicy = (yaml: string, headers = admin) =>
  fetch(`${app.url}/api/policy`, { method: "PUT", headers: { ...headers, "content-type": "application/yaml" }, body: yaml });
const register = (subject: string, schema: string) =>
  fetch(`${app.url}/api/schema-registry/subjects/${encodeURIComponent(subject)}/versions`, {
    method: "POST",
    headers: { ...registry, "content-type": "application/vnd.schemaregistry.v1+json" },
    body: JSON.stringify({ schema }),
  });

describe("POST /api/policy/check", () => {
  it("reports the default policy's warnings for a schema without the envelope and named as a command", async () => {
    await setPolicy(testAdmin, {});
    const res = await check({
      kind: "schema",
      subject: uniqueName("orders-value"),
      schemaType: "AVRO",
      schema: avro("CreateOrder", ["eventId", "orderId"]),
    });
    expect(res.status).toBe(200);
    const { violations } = (await res.json()) as { violations: { rule: string; severity: string; message: string; path: string }[] };
    expect(violations.filter((v) => v.rule === "schemas.envelope").map((v) => v.path)).toEqual([
      "CreateOrder.timestamp",
      "CreateOrder.version",
      "CreateOrder.aggregate_id",
      "CreateOrder.correlation_id",
    ]);
    expect(violations.find((v) => v.rule === "schemas.eventNames")).toMatchObject({ severity: "warning", path: "name" });
    expect(violations.every((v) => v.severity === "warning")).toBe(true);

    const fact = await check({ kind: "schema", subject: uniqueName("orders-value"), schema: avro("OrderCreated", ENVELOPE) });
    expect(await fact.json()).toEqual({ violations: [] });
  });

  it("checks a proposed topic against the topic rules, and says what is wrong with the request", async () => {
    await setPolicy(testAdmin, { topics: { partitions: { max: 12 }, namePattern: "[a-z]+\\.[a-z.-]+" } });
    const res = await check({ kind: "topic", cluster: clusterName, name: "Orders", partitions: 48, configs: {} }, viewer);
    const { violations } = (await res.json()) as { violations: { rule: string; path: string }[] };
    expect(violations.map((v) => [v.rule, v.path])).toEqual([
      ["topics.namePattern", "name"],
      ["topics.partitions.max", "partitions"],
    ]);
    expect((await check({ kind: "topic", cluster: "nowhere", name: "a.b" })).status).toBe(404);
    expect((await check({ kind: "queue" })).status).toBe(400);
    expect((await check({ kind: "schema", subject: "s", schema: "{not avro" })).status).toBe(400);
  });
});

describe("the policy as YAML", () => {
  it("is put by an admin, read back, refused from a viewer and when it is not valid", async () => {
    const yaml = [
      "schemas:",
      "  envelope:",
      "    severity: error",
      "    fields: [event_id, timestamp, correlation_id]",
      "  eventNames:",
      "    severity: error",
      "",
    ].join("\n");
    const put = await putPolicy(yaml);
    expect(put.status).toBe(200);
    const { version } = (await put.json()) as { version: number };
    const got = await fetch(`${app.url}/api/policy`, { headers: viewer });
    expect(got.headers.get("x-policy-version")).toBe(String(version));
    expect(got.headers.get("content-type")).toContain("application/yaml");
    const text = await got.text();
    expect(text).toContain("severity: error");
    expect(text).toContain("- correlation_id");

    expect((await putPolicy(yaml, viewer)).status).toBe(403);
    const broken = await putPolicy("schemas:\n  envelope:\n    severity: fatal\n");
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: string }).error).toContain("schemas.envelope.severity");
    const notYaml = await putPolicy("schemas: [\n");
    expect(((await notYaml.json()) as { error: string }).error).toMatch(/not valid YAML \(line \d+/);
    expect((await currentPolicy()).version).toBe(version);
  });

  it("refuses through the Confluent REST API a schema that breaks a rule set to error, naming the rule", async () => {
    await putPolicy("schemas:\n  envelope: {severity: error, fields: [event_id, correlation_id]}\n  eventNames: {severity: warning}\n");
    const subject = uniqueName("payments-value");
    const refused = await register(subject, avro("PaymentCaptured", ["paymentId", "eventId"]));
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { error_code: number; message: string };
    expect(body.error_code).toBe(42201);
    expect(body.message).toContain('schemas.envelope (PaymentCaptured has no envelope field "correlation_id")');

    // Meets the rule: registered; a command-style name is only a warning here.
    const ok = await register(subject, avro("CapturePayment", ["paymentId", "eventId", "correlationId"]));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ id: expect.any(Number), version: 1 });
  });

  it("lets a version registered before a stricter rule be registered again (running serializers do at start)", async () => {
    await putPolicy("schemas:\n  envelope: {severity: warning}\n");
    const subject = uniqueName("legacy-value");
    const legacy = avro("LegacyThing", ["id"]);
    expect((await register(subject, legacy)).status).toBe(200);
    await putPolicy("schemas:\n  envelope: {severity: error}\n");
    const again = await register(subject, legacy);
    expect(again.status).toBe(200);
    expect(((await register(subject, avro("LegacyThing", ["id", "note"]))) as Response).status).toBe(422);
  });
});

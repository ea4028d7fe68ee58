// GET /api/v1/openapi.json: the public REST API for working with messages, described as OpenAPI 3.1.
// Request bodies come from the same zod contracts the handlers validate with (z.toJSONSchema), so the
// document cannot drift from what the server accepts; query parameters are listed once, here, and
// read by the handler from this same list.
import { z } from "zod";
import { ResetOffsetsRequest } from "@/server/domain/consumers";
import { MessageToProduce, ProduceBatch } from "@/server/domain/records";
import { PolicyCheckRequest } from "./policy-api";

/** The query parameters of GET …/messages: the handler reads these and no others. */
export const MESSAGE_QUERY = [
  { name: "from", description: "earliest | latest | offset:<n> | time:<ISO 8601>", schema: { type: "string", default: "latest" } },
  { name: "partition", description: "one partition (all when absent)", schema: { type: "integer", minimum: 0 } },
  {
    name: "direction",
    description: "newest (from the start position backwards) or oldest first",
    schema: { type: "string", enum: ["newest", "oldest"] },
  },
  {
    name: "filter",
    description: "a CEL expression over key, value, headers, partition, offset, timestamp, size",
    schema: { type: "string", maxLength: 2000 },
  },
  { name: "limit", description: "messages per answer", schema: { type: "integer", minimum: 1, maximum: 500, default: 50 } },
  { name: "maxScanned", description: "budget of messages read", schema: { type: "integer", minimum: 1, default: 100000 } },
  { name: "maxSeconds", description: "budget of time", schema: { type: "integer", minimum: 1, maximum: 300, default: 20 } },
  { name: "cursor", description: "where an earlier answer stopped (its `cursor`)", schema: { type: "string" } },
] as const;

const payload = {
  type: "object",
  description:
    "A decoded payload: kind schema (with schemaId, schemaType, subject and the decoded json), text, binary (hex), schema-bytes (a schema payload that could not be decoded) or empty",
  properties: {
    kind: { type: "string", enum: ["schema", "text", "binary", "schema-bytes", "empty"] },
    schemaId: { type: "integer" },
    schemaType: { type: "string" },
    subject: { type: ["string", "null"] },
    json: {},
    text: { type: "string" },
    hex: { type: "string" },
  },
  required: ["kind"],
};

const error = { type: "object", properties: { error: { type: "string" }, code: { type: "string" } }, required: ["error"] };
const errors = Object.fromEntries(
  [
    ["400", "bad input: the message names the parameter or field"],
    ["401", "no credential, or an unknown one"],
    ["403", "the token's role, team or scope does not allow it"],
    ["404", "no such cluster, topic or subject"],
    ["409", "a conflict (a group with running members)"],
    ["502", "the broker could not be reached"],
  ].map(([status, description]) => [status, { description, content: { "application/json": { schema: error } } }]),
);

const params = (...names: string[]) => names.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } }));
const body = (schema: z.ZodType) => ({
  required: true,
  content: { "application/json": { schema: z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) } },
});

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Eventplane messages API",
      version: "1",
      description:
        "Browse, filter, produce and move consumer offsets with an API token (Authorization: Bearer ept_…), under the token's role and team like the console. Payloads are decoded with the writer's schema from Eventplane's registry and masked by the masking rules of the token's role.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    paths: {
      "/api/v1/clusters/{cluster}/topics/{topic}/messages": {
        get: {
          summary: "Search a topic's messages",
          description: "Scope read. Reads from a position, filters with CEL, stops at the limit or a budget; `cursor` continues.",
          parameters: [...params("cluster", "topic"), ...MESSAGE_QUERY.map((q) => ({ ...q, in: "query", required: false }))],
          responses: {
            "200": {
              description: "The messages found and the scan's counts",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      messages: {
                        type: "array",
                        items: {
                          type: "object",
                          properties: {
                            partition: { type: "integer" },
                            offset: { type: "string" },
                            timestamp: { type: "string", format: "date-time" },
                            key: payload,
                            value: payload,
                            headers: {
                              type: "array",
                              items: { type: "object", properties: { name: { type: "string" }, value: { type: "string" } } },
                            },
                            size: { type: "integer" },
                            trace: { type: ["object", "null"], properties: { traceId: { type: "string" }, spanId: { type: "string" } } },
                          },
                        },
                      },
                      scanned: { type: "integer" },
                      matched: { type: "integer" },
                      total: { type: "integer" },
                      stoppedBy: { type: "string", enum: ["limit", "scanned-budget", "time-budget", "end", "cancelled"] },
                      cursor: { type: ["string", "null"] },
                      filterErrors: { type: "integer" },
                      firstFilterError: { type: ["string", "null"] },
                    },
                  },
                },
              },
            },
            ...errors,
          },
        },
        post: {
          summary: "Produce one message, or many",
          description:
            "Scope write; the topic's owner team's editors. One message answers 201 with where it landed; {messages, dryRun} validates every one and sends them only when all are valid and dryRun is false.",
          parameters: params("cluster", "topic"),
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  oneOf: [body(MessageToProduce).content["application/json"].schema, body(ProduceBatch).content["application/json"].schema],
                },
              },
            },
          },
          responses: {
            "201": {
              description: "Sent",
              content: {
                "application/json": {
                  schema: { type: "object", properties: { partition: { type: "integer" }, offset: { type: "string" } } },
                },
              },
            },
            "200": { description: "A batch: its dry run or its sending, with per-line problems" },
            ...errors,
          },
        },
      },
      "/api/v1/clusters/{cluster}/consumer-groups/{group}/reset-offsets": {
        post: {
          summary: "Move a consumer group's offsets on a topic",
          description: "Scope write. A dry run (the default) answers the table; applying is refused while the group has running members.",
          parameters: params("cluster", "group"),
          requestBody: body(ResetOffsetsRequest),
          responses: {
            "200": { description: "Current → new offset and lag before → after, per partition" },
            ...errors,
          },
        },
      },
      "/api/policy": {
        get: {
          summary: "The policy in force",
          description: "Scope read. YAML by default (Accept: application/json for JSON); its version in the x-policy-version header.",
          responses: { "200": { description: "The policy document" }, ...errors },
        },
        put: {
          summary: "A new version of the policy",
          description: "Scope write, admins. The body is the whole document, YAML or JSON; each problem is named by its path.",
          requestBody: { required: true, content: { "application/yaml": { schema: { type: "string" } } } },
          responses: { "200": { description: "{version}" }, ...errors },
        },
      },
      "/api/policy/check": {
        post: {
          summary: "Check a proposed schema or topic against the policy",
          description: "Scope read. Nothing is written: CI pipelines call it before registering or deploying.",
          requestBody: body(PolicyCheckRequest),
          responses: {
            "200": { description: "{violations: [{rule, severity (error | warning), message, path}]}" },
            ...errors,
          },
        },
      },
    },
  };
}

export function openApiGet(request: Request): Response {
  return Response.json(openApiDocument(new URL(request.url).origin), { headers: { "cache-control": "no-store" } });
}

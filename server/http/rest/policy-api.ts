// The policy over HTTP, for pipelines and repositories that keep it as code:
//   GET  /api/policy         the document in force, YAML (Accept: application/json for JSON), its version
//                            in the x-policy-version header
//   PUT  /api/policy         a new version from YAML or JSON (admins; audited)
//   POST /api/policy/check   {kind: "schema", subject, schemaType, schema, references?} or
//                            {kind: "topic", cluster, name, partitions, replicationFactor?, configs, ownerTeam?}
//                            → {violations: [{rule, severity, message, path}]}, every severity, nothing written
import { currentPolicy, parsePolicyText, policyToYaml, setPolicy } from "@/server/domain/policies";
import { checkSchemaPolicy } from "@/server/domain/schemas";
import { checkTopicPolicy, TopicPolicyCheckInput } from "@/server/domain/topics";
import type { Actor } from "@/server/domain/identity";
import { z } from "zod";
import { DomainError, parseInput } from "@/server/errors";
import { guarded } from "../guard";
import { BodyTooLargeError, readBoundedBody } from "../read-body";
import { answering } from "./errors";
import { readJsonObject } from "./json-body";

const MAX_DOCUMENT = 256 * 1024;

export function policyGet(request: Request): Promise<Response> {
  return guarded("read", async (req: Request) =>
    answering(async () => {
      const policy = await currentPolicy();
      const headers = { "x-policy-version": String(policy.version ?? 0), "cache-control": "no-store" };
      if ((req.headers.get("accept") ?? "").includes("application/json"))
        return Response.json({ version: policy.version, document: policy.document }, { headers });
      return new Response(policyToYaml(policy.document), { headers: { ...headers, "content-type": "application/yaml; charset=utf-8" } });
    }),
  )(request);
}

export function policyPut(request: Request): Promise<Response> {
  return guarded("write", async (req: Request, actor: Actor) =>
    answering(async () => {
      const text = await readBoundedBody(req, MAX_DOCUMENT)
        .then((b) => b.toString("utf8"))
        .catch((e: unknown) => {
          if (e instanceof BodyTooLargeError) throw new DomainError("INVALID_INPUT", "the policy document is over 256 KiB");
          throw e;
        });
      const row = await setPolicy(actor, parsePolicyText(text) as never);
      return Response.json({ version: row.version });
    }),
  )(request);
}

/** The check's request body, validated as documented in /api/v1/openapi.json. */
export const PolicyCheckRequest = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("schema"),
    subject: z.string().trim().min(1, "subject: a subject name is needed").max(512),
    schemaType: z.enum(["AVRO", "JSON", "PROTOBUF"]).default("AVRO"),
    schema: z.string().min(1, "schema: the schema's text is needed").max(2_000_000),
    references: z
      .array(z.object({ name: z.string(), subject: z.string(), version: z.number().int() }))
      .max(100)
      .optional(),
  }),
  TopicPolicyCheckInput.extend({ kind: z.literal("topic") }),
]);

export function policyCheckPost(request: Request): Promise<Response> {
  return guarded("read", async (req: Request) =>
    answering(async () => {
      const body = parseInput(PolicyCheckRequest, await readJsonObject(req, 2 * 1024 * 1024, '{"kind": "schema" | "topic", ...}'));
      const violations = body.kind === "schema" ? await checkSchemaPolicy(body) : await checkTopicPolicy(body);
      return Response.json({ violations });
    }),
  )(request);
}

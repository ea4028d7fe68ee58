// The Confluent Schema Registry REST API (anchors.md §5.1) over the schemas domain. Each route is
// a method, a path pattern and a handler that only translates between the wire and the domain.
import { env } from "@/env";
import type { Actor } from "@/server/domain/identity";
import * as schemas from "@/server/domain/schemas";
import { flag, json, jsonText, page, readJsonBody, WireError } from "./wire";

type Ctx = { request: Request; url: URL; params: string[]; actor: Actor };
type Handler = (ctx: Ctx) => Promise<Response> | Response;
type Route = { method: string; pattern: string[]; handler: Handler };

const SCHEMA_TYPES_ORDER = ["JSON", "PROTOBUF", "AVRO"];

/** Confluent omits schemaType for Avro and references when there are none. */
function schemaEntity(v: { subject?: string; version?: number; id: number; type: string; schema: string; references: unknown[] }) {
  return {
    ...(v.subject !== undefined ? { subject: v.subject } : {}),
    ...(v.version !== undefined ? { version: v.version } : {}),
    id: v.id,
    ...(v.type !== "AVRO" ? { schemaType: v.type } : {}),
    ...(v.references.length ? { references: v.references } : {}),
    schema: v.schema,
  };
}

// What GET /schemas/ids/{id} answers, serialised once per schema: the record is the process's kept one
// (a committed schema never changes), and serialisers ask for the same ids all day.
const byIdBodies = new WeakMap<object, string>();
function byIdBody(record: Parameters<typeof schemaEntity>[0]): string {
  let text = byIdBodies.get(record);
  if (text === undefined) {
    const { id: _id, ...entity } = schemaEntity(record);
    text = JSON.stringify(entity);
    byIdBodies.set(record, text);
  }
  return text;
}

// Lookup answers, serialised once: an id is the fingerprint of one canonical text, type and references,
// so (subject, version, id) determines the whole answer, and serialisers look the same schema up all day.
const lookupBodies = new Map<string, string>();
function lookupBody(found: schemas.Registered): string {
  const key = `${found.version}\0${found.id}\0${found.subject}`;
  let text = lookupBodies.get(key);
  if (text === undefined) {
    text = JSON.stringify(schemaEntity({ ...found, type: found.schemaType }));
    if (lookupBodies.size >= 2_000) lookupBodies.clear();
    lookupBodies.set(key, text);
  }
  return text;
}

const body = (ctx: Ctx) => readJsonBody(ctx.request, env.SCHEMA_REGISTRY_MAX_BODY_BYTES);
const schemaId = (raw: string) => {
  const id = Number(raw);
  if (!Number.isSafeInteger(id)) throw new WireError(404, 40403, "Schema not found");
  return id;
};
const normalizeParam = (url: URL) => (url.searchParams.has("normalize") ? flag(url, "normalize") : undefined);

async function compatibility(ctx: Ctx, version: string | undefined) {
  const verdict = await schemas.checkAgainstSubject(ctx.params[0]!, await body(ctx), version, { normalize: normalizeParam(ctx.url) });
  return json({ is_compatible: verdict.compatible, ...(flag(ctx.url, "verbose") ? { messages: verdict.messages } : {}) });
}

async function configOf(subject: string, url: URL) {
  return json(await schemas.getConfig(subject, subject === schemas.GLOBAL || flag(url, "defaultToGlobal")));
}

async function putConfig(ctx: Ctx, subject: string) {
  const input = await body(ctx);
  const result = await schemas.setConfig(
    subject,
    { compatibility: input.compatibility ?? input.compatibilityLevel, normalize: input.normalize },
    ctx.actor,
  );
  return json({ compatibility: result.compatibilityLevel, ...(result.normalize !== undefined ? { normalize: result.normalize } : {}) });
}

async function putMode(ctx: Ctx, subject: string) {
  const input = await body(ctx);
  return json({ mode: await schemas.setMode(subject, input.mode, flag(ctx.url, "force"), ctx.actor) });
}

export const ROUTES: Route[] = [
  { method: "GET", pattern: [], handler: () => json({}) },
  { method: "GET", pattern: ["schemas", "types"], handler: () => json(SCHEMA_TYPES_ORDER) },
  {
    method: "GET",
    pattern: ["schemas"],
    handler: async ({ url }) =>
      json(
        (
          await schemas.listSchemas({
            prefix: url.searchParams.get("subjectPrefix") ?? undefined,
            deleted: flag(url, "deleted"),
            latestOnly: flag(url, "latestOnly"),
            offset: Number(url.searchParams.get("offset") ?? 0) || 0,
            limit: Number(url.searchParams.get("limit") ?? -1) || -1,
          })
        ).map(schemaEntity),
      ),
  },
  {
    method: "GET",
    pattern: ["schemas", "ids", ":id"],
    handler: async ({ params, url }) => {
      const record = await schemas.getSchemaById(schemaId(params[0]!));
      if (flag(url, "fetchMaxId")) {
        const { id: _id, ...entity } = schemaEntity(record);
        return json({ ...entity, maxId: await maxId() });
      }
      return jsonText(byIdBody(record));
    },
  },
  {
    method: "GET",
    pattern: ["schemas", "ids", ":id", "schema"],
    handler: async ({ params }) => {
      const record = await schemas.getSchemaById(schemaId(params[0]!));
      return new Response(record.schema, { headers: { "content-type": "application/vnd.schemaregistry.v1+json" } });
    },
  },
  {
    method: "GET",
    pattern: ["schemas", "ids", ":id", "subjects"],
    handler: async ({ params, url }) =>
      json(page([...new Set((await schemas.subjectsForSchema(schemaId(params[0]!), flag(url, "deleted"))).map((v) => v.subject))], url)),
  },
  {
    method: "GET",
    pattern: ["schemas", "ids", ":id", "versions"],
    handler: async ({ params, url }) => json(page(await schemas.subjectsForSchema(schemaId(params[0]!), flag(url, "deleted")), url)),
  },
  {
    method: "GET",
    pattern: ["subjects"],
    handler: async ({ url }) =>
      json(
        page(
          await schemas.listSubjects({
            prefix: url.searchParams.get("subjectPrefix") ?? undefined,
            deleted: flag(url, "deleted"),
            deletedOnly: flag(url, "deletedOnly"),
          }),
          url,
        ),
      ),
  },
  {
    method: "POST",
    pattern: ["subjects", ":subject"],
    handler: async (ctx) => {
      const found = await schemas.lookupSchema(ctx.params[0]!, await body(ctx), {
        normalize: normalizeParam(ctx.url),
        deleted: flag(ctx.url, "deleted"),
      });
      return jsonText(lookupBody(found));
    },
  },
  {
    method: "DELETE",
    pattern: ["subjects", ":subject"],
    handler: async ({ params, url, actor }) => json(await schemas.deleteSubject(params[0]!, flag(url, "permanent"), actor)),
  },
  {
    method: "GET",
    pattern: ["subjects", ":subject", "versions"],
    handler: async ({ params, url }) => {
      const versions = await schemas.listVersions(params[0]!, { deleted: flag(url, "deleted"), deletedOnly: flag(url, "deletedOnly") });
      const negative = flag(url, "deletedAsNegative");
      return json(
        page(
          versions.map((v) => (negative && v.deleted ? -v.version : v.version)),
          url,
        ),
      );
    },
  },
  {
    method: "POST",
    pattern: ["subjects", ":subject", "versions"],
    handler: async (ctx) => {
      const result = await schemas.registerSchema(ctx.params[0]!, await body(ctx), {
        normalize: normalizeParam(ctx.url),
        actor: ctx.actor,
      });
      return json({ id: result.id, version: result.version, ...(result.schemaType !== "AVRO" ? { schemaType: result.schemaType } : {}) });
    },
  },
  {
    method: "GET",
    pattern: ["subjects", ":subject", "versions", ":version"],
    handler: async ({ params, url }) => json(schemaEntity(await schemas.getVersion(params[0]!, params[1]!, flag(url, "deleted")))),
  },
  {
    method: "GET",
    pattern: ["subjects", ":subject", "versions", ":version", "schema"],
    handler: async ({ params, url }) => {
      const v = await schemas.getVersion(params[0]!, params[1]!, flag(url, "deleted"));
      return new Response(v.schema, { headers: { "content-type": "application/vnd.schemaregistry.v1+json" } });
    },
  },
  {
    method: "GET",
    pattern: ["subjects", ":subject", "versions", ":version", "referencedby"],
    handler: async ({ params, url }) => json(page(await schemas.referencedBy(params[0]!, params[1]!), url)),
  },
  {
    method: "DELETE",
    pattern: ["subjects", ":subject", "versions", ":version"],
    handler: async ({ params, url, actor }) =>
      json(await schemas.deleteSubjectVersion(params[0]!, params[1]!, flag(url, "permanent"), actor)),
  },
  { method: "POST", pattern: ["compatibility", "subjects", ":subject", "versions"], handler: (ctx) => compatibility(ctx, undefined) },
  {
    method: "POST",
    pattern: ["compatibility", "subjects", ":subject", "versions", ":version"],
    handler: (ctx) => compatibility(ctx, ctx.params[1]),
  },
  { method: "GET", pattern: ["config"], handler: ({ url }) => configOf(schemas.GLOBAL, url) },
  { method: "PUT", pattern: ["config"], handler: (ctx) => putConfig(ctx, schemas.GLOBAL) },
  { method: "DELETE", pattern: ["config"], handler: async ({ actor }) => json(await schemas.deleteConfig(schemas.GLOBAL, actor)) },
  { method: "GET", pattern: ["config", ":subject"], handler: ({ params, url }) => configOf(params[0]!, url) },
  { method: "PUT", pattern: ["config", ":subject"], handler: (ctx) => putConfig(ctx, validSubject(ctx.params[0]!)) },
  {
    method: "DELETE",
    pattern: ["config", ":subject"],
    handler: async ({ params, actor }) => {
      await schemas.getConfig(params[0]!, false).catch(async (error) => {
        // Deleting a subject's config needs the subject (or its config) to exist.
        if ((await schemas.listSubjects({ deleted: true })).includes(params[0]!)) return;
        throw error instanceof schemas.RegistryError ? new WireError(404, 40401, `Subject '${params[0]}' not found.`) : error;
      });
      return json(await schemas.deleteConfig(params[0]!, actor));
    },
  },
  {
    method: "GET",
    pattern: ["mode"],
    handler: async ({ url }) => json({ mode: await schemas.getMode(schemas.GLOBAL, flag(url, "defaultToGlobal")) }),
  },
  { method: "PUT", pattern: ["mode"], handler: (ctx) => putMode(ctx, schemas.GLOBAL) },
  { method: "DELETE", pattern: ["mode"], handler: async ({ actor }) => json({ mode: await schemas.deleteMode(schemas.GLOBAL, actor) }) },
  {
    method: "GET",
    pattern: ["mode", ":subject"],
    handler: async ({ params, url }) => json({ mode: await schemas.getMode(params[0]!, flag(url, "defaultToGlobal")) }),
  },
  { method: "PUT", pattern: ["mode", ":subject"], handler: (ctx) => putMode(ctx, validSubject(ctx.params[0]!)) },
  {
    method: "DELETE",
    pattern: ["mode", ":subject"],
    handler: async ({ params, actor }) => json({ mode: await schemas.deleteMode(params[0]!, actor) }),
  },
  { method: "GET", pattern: ["contexts"], handler: ({ url }) => json(page(["."], url)) },
];

function validSubject(subject: string): string {
  schemas.validateSubject(subject);
  return subject;
}

async function maxId(): Promise<number> {
  const all = await schemas.listSchemas({ deleted: true });
  return all.reduce((max, s) => Math.max(max, s.id), 0);
}

export function matchRoute(method: string, segments: string[]): { route: Route; params: string[] } | { allowed: string[] } | null {
  const allowed: string[] = [];
  for (const route of ROUTES) {
    if (route.pattern.length !== segments.length) continue;
    const params: string[] = [];
    const fits = route.pattern.every((part, i) => {
      if (part.startsWith(":")) {
        params.push(segments[i]!);
        return true;
      }
      return part === segments[i];
    });
    if (!fits) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  return allowed.length ? { allowed } : null;
}

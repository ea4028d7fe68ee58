// GET /api/asyncapi[?cluster=<id>&team=<team>&format=json|yaml]: the live catalog as AsyncAPI 3.0,
// as a download. POST /api/asyncapi[?service=<name>] with a YAML or JSON document: its operations
// become declared lineage.
import { stringify } from "yaml";
import { exportAsyncApi, importAsyncApi } from "@/server/domain/lineage";
import type { Actor } from "@/server/domain/identity";
import { DomainError } from "@/server/errors";
import { guarded } from "./guard";
import { BodyTooLargeError, readBoundedBody, mediaType } from "./read-body";

const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export const handleAsyncApiExport = guarded("read", exportDocument);
export const handleAsyncApiImport = guarded("write", importDocument);

async function exportDocument(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const clusterId = url.searchParams.get("cluster") || undefined;
  const team = url.searchParams.get("team") || undefined;
  const json = url.searchParams.get("format") === "json";
  const doc = await exportAsyncApi({ clusterId, team });
  const name = `eventplane-asyncapi${team ? `-${team.replace(/[^\w.-]/g, "_")}` : ""}.${json ? "json" : "yaml"}`;
  return new Response(json ? JSON.stringify(doc, null, 2) : stringify(doc, { aliasDuplicateObjects: false }), {
    headers: {
      "content-type": json ? "application/json" : "application/yaml; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
}

// YAML or JSON, declared as such: text/plain and forms are what another site's page could post.
const DOCUMENT_TYPES = new Set([
  "application/yaml",
  "application/x-yaml",
  "text/yaml",
  "text/x-yaml",
  "application/json",
  "application/vnd.aai.asyncapi+json",
  "application/vnd.aai.asyncapi+yaml",
]);

async function importDocument(request: Request, actor: Actor): Promise<Response> {
  const type = mediaType(request.headers.get("content-type"));
  if (!DOCUMENT_TYPES.has(type))
    return Response.json({ error: `Send the document as application/yaml or application/json, not "${type || "no type"}"` }, { status: 415 });
  const service = new URL(request.url).searchParams.get("service") || undefined;
  try {
    const body = await readBoundedBody(request, MAX_DOCUMENT_BYTES);
    return Response.json(await importAsyncApi(actor, body.toString("utf8"), { service }));
  } catch (e) {
    if (e instanceof BodyTooLargeError) return Response.json({ error: e.message }, { status: 413 });
    if (e instanceof DomainError && e.code === "INVALID_INPUT") return Response.json({ error: e.message }, { status: 400 });
    if (e instanceof DomainError && e.code === "FORBIDDEN") return Response.json({ error: e.message }, { status: 403 });
    throw e;
  }
}

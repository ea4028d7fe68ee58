// GET /api/asyncapi[?cluster=<id>&team=<team>&format=json|yaml]: the live catalog as AsyncAPI 3.0,
// as a download. POST /api/asyncapi[?service=<name>] with a YAML or JSON document: its operations
// become declared lineage.
import { stringify } from "yaml";
import { exportAsyncApi, importAsyncApi } from "@/server/domain/lineage";
import { DomainError } from "@/server/errors";
import { BodyTooLargeError, readBoundedBody } from "./read-body";

const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export async function handleAsyncApiExport(request: Request): Promise<Response> {
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

export async function handleAsyncApiImport(request: Request): Promise<Response> {
  const service = new URL(request.url).searchParams.get("service") || undefined;
  try {
    const body = await readBoundedBody(request, MAX_DOCUMENT_BYTES);
    return Response.json(await importAsyncApi(body.toString("utf8"), { service }));
  } catch (e) {
    if (e instanceof BodyTooLargeError) return Response.json({ error: e.message }, { status: 413 });
    if (e instanceof DomainError && e.code === "INVALID_INPUT") return Response.json({ error: e.message }, { status: 400 });
    throw e;
  }
}

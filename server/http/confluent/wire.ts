// The Confluent Schema Registry wire conventions: its content type, its error body
// {error_code, message} with the exact codes of Errors.java, and request bodies read with a limit.
import { textResponse } from "../lean-bodies";
import { BodyTooLargeError, readBoundedBody, mediaType } from "../read-body";
import { DomainError } from "@/server/errors";
import { unstorableText } from "@/server/lib/storable-text";
import { RegistryError, type RegistryReason } from "@/server/domain/schemas";

export const CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

const CODES: Record<RegistryReason, number> = {
  SUBJECT_NOT_FOUND: 40401,
  VERSION_NOT_FOUND: 40402,
  SCHEMA_NOT_FOUND: 40403,
  SUBJECT_SOFT_DELETED: 40404,
  SUBJECT_NOT_SOFT_DELETED: 40405,
  VERSION_SOFT_DELETED: 40406,
  VERSION_NOT_SOFT_DELETED: 40407,
  SUBJECT_COMPATIBILITY_NOT_CONFIGURED: 40408,
  SUBJECT_MODE_NOT_CONFIGURED: 40409,
  // Incompatible schemas keep the historic 409 (what existing clients and peers send).
  INCOMPATIBLE: 409,
  INVALID_SCHEMA: 42201,
  INVALID_VERSION: 42202,
  INVALID_COMPATIBILITY_LEVEL: 42203,
  INVALID_MODE: 42204,
  OPERATION_NOT_PERMITTED: 42205,
  REFERENCE_EXISTS: 42206,
  ID_MISMATCH: 42207,
  INVALID_SUBJECT: 42208,
  SCHEMA_TOO_LARGE: 42209,
};

export class WireError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export function json(body: unknown, status = 200): Response {
  return jsonText(JSON.stringify(body), status);
}

/** A body already serialised. */
export function jsonText(text: string, status = 200): Response {
  return textResponse(text, { status, headers: { "content-type": CONTENT_TYPE } });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof WireError) return json({ error_code: error.code, message: error.message }, error.status);
  if (error instanceof RegistryError) {
    const code = CODES[error.reason];
    return json({ error_code: code, message: error.message }, Number(String(code).slice(0, 3)));
  }
  if (error instanceof DomainError && error.code === "INVALID_INPUT") return json({ error_code: 42201, message: error.message }, 422);
  if (error instanceof DomainError && error.code === "FORBIDDEN") return json({ error_code: 40301, message: error.message }, 403);
  console.error("schema registry: unexpected error", error);
  return json({ error_code: 50001, message: "Error in the backend data store" }, 500);
}

/** A JSON object body no larger than `limit` bytes (413/42209 beyond). */
// What Confluent's clients send. Not text/plain, forms or no type at all: those are what a page on
// another site can post without CORS, and the registry also accepts session cookies.
const BODY_TYPES = new Set(["application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json", "application/json"]);

export async function readJsonBody(request: Request, limit: number): Promise<Record<string, unknown>> {
  const type = mediaType(request.headers.get("content-type"));
  if (!BODY_TYPES.has(type))
    throw new WireError(
      415,
      415,
      `Unsupported content type "${type || "none"}": send application/vnd.schemaregistry.v1+json or application/json`,
    );
  let bytes: Buffer;
  try {
    bytes = await readBoundedBody(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new WireError(413, 42209, error.message);
    throw error;
  }
  const text = bytes.toString("utf8");
  if (!text.trim()) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("expected a JSON object");
    const problem = unstorableText(parsed);
    if (problem) throw new Error(`it holds ${problem}`);
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new WireError(400, 400, `Unrecognized request body: ${(error as Error).message}`);
  }
}

export function flag(url: URL, name: string): boolean {
  return url.searchParams.get(name)?.toLowerCase() === "true";
}

/** `offset`/`limit` pagination as Confluent applies it (limit ≤ 0 means no limit). */
export function page<T>(items: T[], url: URL): T[] {
  const offset = Math.max(0, Number(url.searchParams.get("offset") ?? 0) || 0);
  const limit = Number(url.searchParams.get("limit") ?? -1) || -1;
  return items.slice(offset, limit > 0 ? offset + limit : undefined);
}

// The records REST API's error shape: {"error": "..."} with the status a DomainError code means.
import { DomainError, type DomainErrorCode } from "@/server/errors";

const STATUS: Record<DomainErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  CLUSTER_UNREACHABLE: 502,
};

/** A DomainError as its JSON answer; anything else is a bug and goes on to the generic 500. */
export function domainErrorResponse(error: unknown): Response {
  if (error instanceof DomainError) return Response.json({ error: error.message, code: error.code }, { status: STATUS[error.code] });
  throw error;
}

/** Runs a handler, answering DomainErrors in this API's shape. */
export async function answering(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    return domainErrorResponse(error);
  }
}

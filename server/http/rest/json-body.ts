// A REST request's body as a JSON object, bounded; anything else is a 400 that says what to send.
import { DomainError } from "@/server/errors";
import { BodyTooLargeError, readBoundedBody } from "../read-body";

export async function readJsonObject(request: Request, limit: number, expected: string): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = JSON.parse((await readBoundedBody(request, limit)).toString("utf8"));
  } catch (e) {
    if (e instanceof BodyTooLargeError) throw new DomainError("INVALID_INPUT", e.message);
    throw new DomainError("INVALID_INPUT", `Send ${expected}`);
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new DomainError("INVALID_INPUT", `Send ${expected}`);
  return body as Record<string, unknown>;
}

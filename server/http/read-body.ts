// Request bodies read with a ceiling, shared by the HTTP APIs (Confluent REST, OTLP).
import { keptRequestBody } from "./lean-bodies";

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body exceeds the limit of ${limit} bytes`);
  }
}

/**
 * The whole body, never buffering more than `limit` bytes. An oversized body is read on (and
 * dropped) up to 8× the limit so the client sees the 413 instead of a reset connection; beyond
 * that the stream is cancelled.
 */
export async function readBoundedBody(request: Request, limit: number): Promise<Buffer> {
  const whole = keptRequestBody(request);
  if (whole) {
    if (whole.length > limit) throw new BodyTooLargeError(limit);
    return whole;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size <= limit) chunks.push(value);
      else if (size > 8 * limit) {
        await reader.cancel();
        break;
      }
    }
  }
  if (size > limit) throw new BodyTooLargeError(limit);
  return Buffer.concat(chunks);
}

/** The media type of a content-type header, without parameters, lower-cased ("" when there is none). */
export function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

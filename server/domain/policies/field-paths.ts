import { z } from "zod";

// Field paths as the policy names them ("metadata.event_id"), met by the spelling each language uses:
// event_id, eventId, EventID and event-id are one field.

export const comparable = (path: string) =>
  path
    .split(".")
    .map((p) => p.replace(/[_-]/g, "").toLowerCase())
    .join(".");

/** The value at a policy path in decoded data (undefined when absent), matching names as above. */
export function fieldAt(data: unknown, path: string): unknown {
  let here: unknown = data;
  for (const part of comparable(path).split(".")) {
    if (!here || typeof here !== "object" || Array.isArray(here)) return undefined;
    const key = Object.keys(here).find((k) => comparable(k) === part);
    if (key === undefined) return undefined;
    here = (here as Record<string, unknown>)[key];
  }
  return here;
}

/** A field path in the policy document: up to three dotted names. */
export const FieldPath = z
  .string()
  .regex(/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*){0,2}$/, "a field path is up to three dotted names (metadata.event_id)");

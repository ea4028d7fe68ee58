// The one place that decides "this is a dead-letter queue": by its name (DLQ_NAME_PATTERNS or the
// defaults) when the catalog is recorded, or by the headers of its records when the probe reads them.
import { env } from "@/env";
import { dlqMatcher } from "./dead-letter-names";
import { normalizeDeadLetterHeaders } from "./normalize-headers";

/** For the catalog sync: a classifier built once per sync (the patterns compile to RE2 matchers).
 *  `conventions`: the broker's own naming conventions (its adapter's list); DLQ_NAME_PATTERNS wins. */
export function deadLetterByName(conventions?: readonly string[]): (topic: { name: string; internal: boolean }) => boolean {
  const matches = dlqMatcher(env.DLQ_NAME_PATTERNS?.split(",") ?? conventions);
  return (t) => !t.internal && matches(t.name);
}

/** A record whose headers any known framework writes on a dead letter. */
export function isDeadLetterRecord(headers: Record<string, Buffer[]>): boolean {
  return normalizeDeadLetterHeaders(headers).family !== null;
}

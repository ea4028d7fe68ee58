// Which topics are dead-letter queues, by name: the broker ecosystem's conventions (the adapter's
// list), or DLQ_NAME_PATTERNS instead (comma-separated globs, case-insensitive, "*" = anything).
import { KAFKA_DEAD_LETTER_NAMES } from "@/server/brokers/kafka";
import { globMatcher } from "@/server/lib/safe-regex";

export const DEFAULT_DLQ_PATTERNS: readonly string[] = KAFKA_DEAD_LETTER_NAMES;

export function dlqMatcher(patterns: readonly string[] = DEFAULT_DLQ_PATTERNS): (topic: string) => boolean {
  // "?" is literal here (names may contain it); only "*" is a wildcard. RE2 keeps any pattern linear.
  const matchers = patterns
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => globMatcher(p, { caseInsensitive: true, anyChar: false }));
  return (topic) => matchers.some((m) => m(topic));
}

// Which topics are dead-letter queues, by name. The defaults cover the conventions of Kafka Connect
// users (".DLQ", "dlq-*"), Spring Kafka (".DLT" classic, "-dlt" since 3.3) and common house styles;
// DLQ_NAME_PATTERNS replaces them (comma-separated globs, case-insensitive, "*" = anything).
import { globMatcher } from "@/server/lib/safe-regex";

export const DEFAULT_DLQ_PATTERNS = [
  "*.dlq",
  "*-dlq",
  "*_dlq",
  "*.dlt",
  "*-dlt",
  "*_dlt",
  "dlq-*",
  "dlq.*",
  "*deadletter*",
  "*dead-letter*",
];

export function dlqMatcher(patterns: string[] = DEFAULT_DLQ_PATTERNS): (topic: string) => boolean {
  // "?" is literal here (names may contain it); only "*" is a wildcard. RE2 keeps any pattern linear.
  const matchers = patterns
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => globMatcher(p, { caseInsensitive: true, anyChar: false }));
  return (topic) => matchers.some((m) => m(topic));
}

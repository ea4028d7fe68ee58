// Which topics are dead-letter queues, by name. The defaults cover the conventions of Kafka Connect
// users (".DLQ", "dlq-*"), Spring Kafka (".DLT" classic, "-dlt" since 3.3) and common house styles;
// DLQ_NAME_PATTERNS replaces them (comma-separated globs, case-insensitive, "*" = anything).
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
  const regexes = patterns
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i"));
  return (topic) => regexes.some((r) => r.test(topic));
}

// Dead-letter topic names by the conventions of the Kafka ecosystem: Kafka Connect users (".DLQ",
// "dlq-*"), Spring Kafka (".DLT" classic, "-dlt" since 3.3) and common house styles. Matched
// case-insensitively; DLQ_NAME_PATTERNS replaces them.
export const KAFKA_DEAD_LETTER_NAMES = [
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
] as const;

// PostgreSQL's SQLSTATE of a failed query on the raw pool (node-pg puts it on the error as `code`).
// Named here once, so callers test a meaning rather than a five-character code.

/** The SQLSTATE of a node-pg error; undefined for anything else. */
export function pgErrorCode(error: unknown): string | undefined {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
}

/** unique_violation: a row with this key exists already. */
export const isUniqueViolation = (error: unknown) => pgErrorCode(error) === "23505";

/** check_violation, which is also what "no partition of relation … found for row" raises. */
export const isCheckViolation = (error: unknown) => pgErrorCode(error) === "23514";

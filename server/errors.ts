// Errors the domain raises on purpose. Each wire format (tRPC, REST) maps codes in one table;
// anything that is not a DomainError is a bug and reaches clients only as a generic 500.
export type DomainErrorCode =
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID_INPUT"
  | "CLUSTER_UNREACHABLE"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "RATE_LIMITED";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

type SafeParser<T> = {
  safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
};

/** Validates outside input against a zod contract; every problem becomes one INVALID_INPUT message. */
export function parseInput<T>(schema: SafeParser<T>, raw: unknown): T {
  const r = schema.safeParse(raw);
  if (!r.success) throw new DomainError("INVALID_INPUT", r.error.issues.map((i) => i.message).join("; "));
  return r.data;
}

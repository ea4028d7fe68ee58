// Errors the domain raises on purpose. Each wire format (tRPC, REST) maps codes in one table;
// anything that is not a DomainError is a bug and reaches clients only as a generic 500.
export type DomainErrorCode = "NOT_FOUND" | "CONFLICT" | "INVALID_INPUT" | "CLUSTER_UNREACHABLE" | "FORBIDDEN";

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

// Why a registry operation was refused. The Confluent REST adapter maps each reason to its exact
// error_code (server/http/confluent/errors.ts); tRPC sees the generic DomainError code.
import { DomainError, type DomainErrorCode } from "@/server/errors";

export const REGISTRY_REASONS = {
  SUBJECT_NOT_FOUND: "NOT_FOUND",
  VERSION_NOT_FOUND: "NOT_FOUND",
  SCHEMA_NOT_FOUND: "NOT_FOUND",
  SUBJECT_SOFT_DELETED: "NOT_FOUND",
  SUBJECT_NOT_SOFT_DELETED: "NOT_FOUND",
  VERSION_SOFT_DELETED: "NOT_FOUND",
  VERSION_NOT_SOFT_DELETED: "NOT_FOUND",
  SUBJECT_COMPATIBILITY_NOT_CONFIGURED: "NOT_FOUND",
  SUBJECT_MODE_NOT_CONFIGURED: "NOT_FOUND",
  INCOMPATIBLE: "CONFLICT",
  INVALID_SCHEMA: "INVALID_INPUT",
  INVALID_VERSION: "INVALID_INPUT",
  INVALID_COMPATIBILITY_LEVEL: "INVALID_INPUT",
  INVALID_MODE: "INVALID_INPUT",
  OPERATION_NOT_PERMITTED: "FORBIDDEN",
  REFERENCE_EXISTS: "CONFLICT",
  ID_MISMATCH: "CONFLICT",
  INVALID_SUBJECT: "INVALID_INPUT",
  SCHEMA_TOO_LARGE: "INVALID_INPUT",
} as const satisfies Record<string, DomainErrorCode>;

export type RegistryReason = keyof typeof REGISTRY_REASONS;

export class RegistryError extends DomainError {
  constructor(
    readonly reason: RegistryReason,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(REGISTRY_REASONS[reason], message, { ...details, reason });
    this.name = "RegistryError";
  }
}

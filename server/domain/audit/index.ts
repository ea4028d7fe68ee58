// Public API of the audit context: an append-only log of every change, written in the change's own
// transaction.
export type { AuditActor, AuditChange } from "./audit-types";
export { appendAudit, auditEntryJson, audited, type AuditTx } from "./append-audit";
export { listAuditEntries, auditFacets, pruneAudit, ListAuditInput, type AuditRow } from "./list-audit";
export { redact } from "./redact";

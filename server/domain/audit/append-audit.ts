// Appends one entry in the caller's transaction, so a change and its audit entry commit together or
// not at all. `audited` is the usual way in: it opens the transaction, runs the change, appends.
import { db, Prisma } from "@/server/db";
import type { AuditActor, AuditChange } from "./audit-types";
import { redact } from "./redact";

export type AuditTx = Pick<Prisma.TransactionClient, "auditEntry">;

const json = (v: unknown) => (v === undefined ? undefined : v === null ? Prisma.JsonNull : (redact(v) as Prisma.InputJsonValue));

/** The entry's columns: one place for what is kept of an actor and a change, and how much of it. */
function entryOf(actor: AuditActor, change: AuditChange) {
  return {
    actorKind: actor.kind,
    actorId: actor.id,
    actorName: actor.name.slice(0, 200),
    action: change.action,
    targetType: change.targetType,
    targetId: (change.targetId ?? "").slice(0, 600),
    team: change.team ?? null,
    sourceIp: actor.sourceIp?.slice(0, 100) ?? null,
    requestId: actor.requestId?.slice(0, 100) ?? null,
  };
}

export async function appendAudit(tx: AuditTx, actor: AuditActor, change: AuditChange): Promise<void> {
  await tx.auditEntry.create({ data: { ...entryOf(actor, change), before: json(change.before), after: json(change.after) } });
}

/**
 * The entry as JSON for `audit_append(entry jsonb)` (migration 20261130161000_registry_fast_path), the
 * SQL way in for a change made by one database function call, which appends its entry in the same
 * statement. The function may add keys to "after" that only the database knows (an assigned id).
 */
export function auditEntryJson(actor: AuditActor, change: AuditChange): string {
  const redacted = (v: unknown) => (v === undefined ? undefined : redact(v));
  return JSON.stringify({ ...entryOf(actor, change), before: redacted(change.before), after: redacted(change.after) });
}

/**
 * Runs `change` in a transaction and appends what `describe` says of its result in the same one.
 * Returning null from `describe` records nothing (a no-op change).
 */
export async function audited<T>(
  actor: AuditActor,
  change: (tx: Prisma.TransactionClient) => Promise<T>,
  describe: (result: T) => AuditChange | AuditChange[] | null,
): Promise<T> {
  return db.$transaction(async (tx) => {
    const result = await change(tx);
    const entries = describe(result);
    for (const entry of entries === null ? [] : Array.isArray(entries) ? entries : [entries]) await appendAudit(tx, actor, entry);
    return result;
  });
}

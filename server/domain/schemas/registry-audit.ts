// Every registration, configuration change and delete goes to the audit log (target type "subject",
// id "" for the global configuration), in the transaction of the change.
import { appendAudit, auditEntryJson, listAuditEntries, type AuditTx } from "@/server/domain/audit";
import type { Actor } from "@/server/domain/identity";

export async function recordAudit(
  tx: AuditTx,
  actor: Actor,
  action: string,
  subject: string | null,
  version: number | null,
  detail: Record<string, unknown>,
  team?: string | null,
) {
  await appendAudit(tx, actor, {
    action: `schema.${action.replace(/^schema\./, "")}`,
    targetType: "subject",
    targetId: subject ?? "",
    team,
    after: { version, ...detail },
  });
}

/**
 * The entry of a registration written by the database call of the fast path (register-schema.ts): as
 * recordAudit writes it, the schema id added by the call once it is known.
 */
export function registrationAudit(actor: Actor, subject: string, version: number, schemaType: string, team: string | null): string {
  return auditEntryJson(actor, {
    action: "schema.register",
    targetType: "subject",
    targetId: subject,
    team,
    after: { version, schemaType },
  });
}

/** The registry's history, newest first: one subject's, or every subject's. */
export async function listAudit(subject: string | undefined, limit = 50) {
  const { items } = await listAuditEntries({ targetType: "subject", targetId: subject, limit });
  return items.map((r) => {
    const { version, ...detail } = (r.after ?? {}) as { version?: number | null } & Record<string, unknown>;
    return { id: r.id, at: r.at, actor: r.actorName, action: r.action, subject: r.targetId || null, version: version ?? null, detail };
  });
}

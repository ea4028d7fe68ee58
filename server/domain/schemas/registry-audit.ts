// Every registration, configuration change and delete is recorded with who/what/when. Until
// users exist the actor is the API client (its User-Agent) or "ui".
import type { Prisma } from "@/server/db";
import { db } from "@/server/db";

export type Actor = string;
type Tx = Pick<typeof db, "schemaAudit">;

export async function recordAudit(
  tx: Tx,
  actor: Actor,
  action: string,
  subject: string | null,
  version: number | null,
  detail: Record<string, unknown>,
) {
  await tx.schemaAudit.create({
    data: { actor: actor.slice(0, 200), action, subject, version, detail: detail as Prisma.InputJsonValue },
  });
}

export async function listAudit(subject: string | undefined, limit = 50) {
  const rows = await db.schemaAudit.findMany({ where: subject !== undefined ? { subject } : {}, orderBy: { id: "desc" }, take: limit });
  return rows.map((r) => ({
    id: String(r.id),
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    version: r.version,
    detail: r.detail,
  }));
}

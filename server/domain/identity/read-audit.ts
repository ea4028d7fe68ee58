// Who reads which part of the audit log: admins all of it; everyone else the entries about what
// their teams own and their own actions. A resource's own history (topic, subject, rule page) is open to whoever sees it.
import { listAuditEntries, type ListAuditInput } from "@/server/domain/audit";
import type { Actor } from "./actor";
import { can } from "./permissions";

export function readAuditLog(actor: Actor, input: ListAuditInput) {
  if (can(actor, "admin")) return listAuditEntries(input);
  return listAuditEntries(input, { teams: actor.teams, actorName: actor.name });
}

export function readHistory(target: { targetType: string; targetId: string; cursor?: string }) {
  return listAuditEntries({ ...target, limit: 30 });
}

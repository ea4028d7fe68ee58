// The Audit page and each resource's own history: newest first, filtered, paged by id (keyset), so a
// page stays fast however long the log grows.
import { parseInput } from "@/server/errors";
import { z } from "zod";
import { db, type Prisma } from "@/server/db";

export const ListAuditInput = z.object({
  actor: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(600).optional(),
  team: z.string().max(200).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  /** the id of the last entry of the previous page */
  cursor: z
    .string()
    .regex(/^\d{1,19}$/)
    .nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type ListAuditInput = z.input<typeof ListAuditInput>;

export interface AuditRow {
  id: string;
  at: Date;
  actorKind: string;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string;
  team: string | null;
  before: unknown;
  after: unknown;
  sourceIp: string | null;
  requestId: string | null;
}

/** `visibleTo` narrows the log to entries about what those teams own, or made by that actor (a non-admin's view). */
export async function listAuditEntries(
  raw: ListAuditInput,
  visibleTo?: { teams: string[]; actorName: string },
): Promise<{ items: AuditRow[]; next: string | null }> {
  const input = parseInput(ListAuditInput, raw);
  const where: Prisma.AuditEntryWhereInput = {
    ...(visibleTo ? { OR: [{ team: { in: visibleTo.teams } }, { actorName: visibleTo.actorName }] } : {}),
    ...(input.actor ? { actorName: input.actor } : {}),
    ...(input.action ? { action: input.action.endsWith("*") ? { startsWith: input.action.slice(0, -1) } : input.action } : {}),
    ...(input.targetType ? { targetType: input.targetType } : {}),
    ...(input.targetId !== undefined ? { targetId: input.targetId } : {}),
    ...(input.team ? { team: input.team } : {}),
    ...(input.from || input.to ? { at: { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lte: input.to } : {}) } } : {}),
    ...(input.cursor ? { id: { lt: BigInt(input.cursor) } } : {}),
  };
  const rows = await db.auditEntry.findMany({ where, orderBy: { id: "desc" }, take: input.limit + 1 });
  const items = rows.slice(0, input.limit).map((r) => ({
    id: String(r.id),
    at: r.at,
    actorKind: r.actorKind,
    actorName: r.actorName,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    team: r.team,
    before: r.before,
    after: r.after,
    sourceIp: r.sourceIp,
    requestId: r.requestId,
  }));
  return { items, next: rows.length > input.limit ? items.at(-1)!.id : null };
}

export async function auditFacets(): Promise<{ actions: string[]; targetTypes: string[] }> {
  const [actions, targetTypes] = await Promise.all([
    db.auditEntry.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" }, take: 500 }),
    db.auditEntry.findMany({ distinct: ["targetType"], select: { targetType: true }, orderBy: { targetType: "asc" }, take: 100 }),
  ]);
  return { actions: actions.map((a) => a.action), targetTypes: targetTypes.map((t) => t.targetType) };
}

/** Retention: the only delete the audit log knows. */
export async function pruneAudit(before: Date): Promise<number> {
  const { count } = await db.auditEntry.deleteMany({ where: { at: { lt: before } } });
  return count;
}

// Acknowledging a finding: its team's editors (or an admin) say why it stays and until when. It stays
// listed, marked, and counts again when the acknowledgement expires. Both ways are audited.
import { z } from "zod";
import { audited } from "@/server/domain/audit";
import { authorize, type Actor } from "@/server/domain/identity";
import { db } from "@/server/db";
import { DomainError, parseInput } from "@/server/errors";

export const AcknowledgeInput = z.object({
  id: z.string().uuid(),
  reason: z.string().trim().min(5, "say why (at least 5 characters)").max(500),
  days: z.number().int().min(1, "at least a day").max(90, "at most 90 days: a finding is acknowledged for a while, not for ever"),
});

type FindingRow = {
  check: string;
  targetLabel: string;
  detail: string;
  team: string | null;
  ackUntil: Date | null;
  ackReason: string | null;
};

/** The audit entry of an acknowledgement given or withdrawn. */
function ackChange(action: string, f: FindingRow, before: FindingRow, after: object | null) {
  return {
    action,
    targetType: "finding",
    targetId: `${f.check} ${f.targetLabel}${f.detail ? ` ${f.detail}` : ""}`,
    team: f.team,
    before: { ackUntil: before.ackUntil, ackReason: before.ackReason },
    after,
  };
}

async function openFinding(id: string) {
  const row = await db.finding.findUnique({ where: { id } });
  if (!row) throw new DomainError("NOT_FOUND", "No such finding");
  if (row.resolvedAt) throw new DomainError("CONFLICT", "This finding is resolved: there is nothing to acknowledge");
  return row;
}

export async function acknowledgeFinding(actor: Actor, raw: z.input<typeof AcknowledgeInput>, now = new Date()) {
  const input = parseInput(AcknowledgeInput, raw);
  const row = await openFinding(input.id);
  authorize(actor, "write", { what: `the finding ${row.check} on ${row.targetLabel}`, owner: row.team });
  const ackUntil = new Date(now.getTime() + input.days * 24 * 3600 * 1000);
  return audited(
    actor,
    (tx) => tx.finding.update({ where: { id: row.id }, data: { ackReason: input.reason, ackBy: actor.name, ackUntil } }),
    (f) => ackChange("finding.acknowledge", f, row, { ackUntil, ackReason: input.reason }),
  );
}

export async function withdrawAcknowledgement(actor: Actor, id: string) {
  const row = await openFinding(id);
  authorize(actor, "write", { what: `the finding ${row.check} on ${row.targetLabel}`, owner: row.team });
  return audited(
    actor,
    (tx) => tx.finding.update({ where: { id: row.id }, data: { ackReason: null, ackBy: null, ackUntil: null } }),
    (f) => ackChange("finding.unacknowledge", f, row, null),
  );
}

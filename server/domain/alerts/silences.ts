// Silences: label matchers (all must be equal) that mute notifications until they expire. Muted
// alerts are still evaluated and recorded; only their notifications are held back.
// A silence mutes another team's pager as easily as one's own: a non-admin's silence must name
// (alertname) a rule the actor may change.
import { z } from "zod";
import { audited } from "@/server/domain/audit";
import { authorize, can, type Actor } from "@/server/domain/identity";
import { db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { authorizeRule } from "./rules";

export const SilenceInput = z.object({
  matchers: z.record(z.string().min(1), z.string()).refine((m) => Object.keys(m).length > 0, "a silence needs at least one matcher"),
  endsAt: z.coerce.date(),
  comment: z.string().max(1000).default(""),
});

async function authorizeMatchers(actor: Actor, matchers: Record<string, string>) {
  if (can(actor, "admin")) return null;
  const name = matchers.alertname;
  if (!name) {
    authorize(actor, "admin", { what: "alerts of every rule (a silence without alertname)" });
    return null;
  }
  const rule = await db.alertRule.findUnique({ where: { name } });
  if (!rule) throw new DomainError("INVALID_INPUT", `alertname: no rule is named "${name}"`);
  authorizeRule(actor, rule.name, rule.ownerTeam);
  return rule.ownerTeam;
}

export async function createSilence(actor: Actor, input: z.input<typeof SilenceInput>) {
  const r = SilenceInput.safeParse(input);
  if (!r.success) throw new DomainError("INVALID_INPUT", r.error.issues.map((i) => i.message).join("; "));
  if (r.data.endsAt <= new Date()) throw new DomainError("INVALID_INPUT", "a silence must end in the future");
  const team = await authorizeMatchers(actor, r.data.matchers);
  return audited(
    actor,
    (tx) => tx.silence.create({ data: { ...r.data, createdBy: actor.name } }),
    (s) => ({ action: "silence.create", targetType: "silence", targetId: s.id, team, after: s }),
  );
}

export async function expireSilence(actor: Actor, id: string) {
  const silence = await db.silence.findUnique({ where: { id } });
  if (!silence) throw new DomainError("NOT_FOUND", "silence not found");
  const team = await authorizeMatchers(actor, silence.matchers as Record<string, string>);
  await audited(
    actor,
    (tx) => tx.silence.update({ where: { id }, data: { endsAt: new Date() } }),
    () => ({ action: "silence.expire", targetType: "silence", targetId: id, team, before: silence }),
  );
}

export async function activeSilences(now = new Date()) {
  return db.silence.findMany({ where: { startsAt: { lte: now }, endsAt: { gt: now } }, orderBy: { endsAt: "asc" } });
}

export function isSilenced(labels: Record<string, string>, silences: { matchers: unknown }[]): boolean {
  return silences.some((s) => Object.entries(s.matchers as Record<string, string>).every(([k, v]) => labels[k] === v));
}

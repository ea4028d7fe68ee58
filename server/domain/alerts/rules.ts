// Alert rules: what people create in the UI (and the demo seeds). Validated here, so the UI, the API
// and the demo get the same messages.
import { z } from "zod";
import { db } from "@/server/db";
import { audited } from "@/server/domain/audit";
import { authorize, type Actor } from "@/server/domain/identity";
import { DomainError } from "@/server/errors";
import { alertKind, RULE_KINDS } from "./kinds";

export const RuleInput = z.object({
  name: z.string().trim().min(1, "a rule needs a name").max(200),
  kind: z.enum(RULE_KINDS, { message: `the condition is one of ${RULE_KINDS.join(", ")}` }),
  threshold: z.number().min(0).max(1e15).default(0),
  clusterId: z.string().uuid().nullable().default(null),
  brokerKind: z.enum(["kafka", "rabbitmq", "nats"]).nullable().default(null),
  target: z.string().trim().min(1).max(300).default("*"),
  // "" is no team: the rule then watches every team (admins only), never "an editor's unowned rule".
  ownerTeam: z
    .string()
    .trim()
    .max(200)
    .nullable()
    .default(null)
    .transform((t) => t || null),
  forSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .default(0),
  repeatSeconds: z
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(14_400),
  severity: z.enum(["info", "warning", "critical"]).default("warning"),
  labels: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "label names are letters, digits and _"), z.string().max(500)).default({}),
  endpointIds: z.array(z.string().uuid()).max(50).default([]),
  groupBy: z
    .array(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "label names are letters, digits and _"))
    .max(10)
    .default([]),
  enabled: z.boolean().default(true),
});
export type RuleInput = z.input<typeof RuleInput>;

function parse(input: unknown) {
  const r = RuleInput.safeParse(input);
  if (!r.success)
    throw new DomainError("INVALID_INPUT", r.error.issues.map((i) => `${i.path.join(".") || "rule"}: ${i.message}`).join("; "));
  return r.data;
}

/**
 * A rule belongs to the team it watches (ownerTeam): that team's editors change it. A rule with no
 * team watches every team's groups and topics, so only admins may create or change one.
 */
export function authorizeRule(actor: Actor, name: string, owner: string | null): void {
  if (owner === null) authorize(actor, "admin", { what: `rule "${name}", which watches every team` });
  else authorize(actor, "write", { what: `rule "${name}"`, owner });
}

async function existingRule(id: string) {
  const rule = await db.alertRule.findUnique({ where: { id } });
  if (!rule) throw new DomainError("NOT_FOUND", "rule not found");
  return rule;
}

const audit = (action: string, rule: { id: string; name: string; ownerTeam: string | null }, before?: unknown, after?: unknown) => ({
  action,
  targetType: "alert-rule",
  targetId: rule.id,
  team: rule.ownerTeam,
  before,
  after,
});

export async function createRule(actor: Actor, input: RuleInput) {
  const data = parse(input);
  authorizeRule(actor, data.name, data.ownerTeam ?? null);
  if (await db.alertRule.findUnique({ where: { name: data.name } }))
    throw new DomainError("CONFLICT", `A rule named "${data.name}" exists`);
  return audited(
    actor,
    (tx) => tx.alertRule.create({ data }),
    (rule) => audit("alert-rule.create", rule, undefined, rule),
  );
}

export async function updateRule(actor: Actor, id: string, input: RuleInput) {
  const data = parse(input);
  const before = await existingRule(id);
  authorizeRule(actor, before.name, before.ownerTeam);
  authorizeRule(actor, data.name, data.ownerTeam ?? null);
  const clash = await db.alertRule.findUnique({ where: { name: data.name } });
  if (clash && clash.id !== id) throw new DomainError("CONFLICT", `A rule named "${data.name}" exists`);
  return audited(
    actor,
    (tx) => tx.alertRule.update({ where: { id }, data }),
    (rule) => audit("alert-rule.update", rule, before, rule),
  );
}

export async function setRuleEnabled(actor: Actor, id: string, enabled: boolean) {
  const before = await existingRule(id);
  authorizeRule(actor, before.name, before.ownerTeam);
  return audited(
    actor,
    (tx) => tx.alertRule.update({ where: { id }, data: { enabled } }),
    (rule) => audit(enabled ? "alert-rule.enable" : "alert-rule.disable", rule),
  );
}

export async function deleteRule(actor: Actor, id: string) {
  const before = await existingRule(id);
  authorizeRule(actor, before.name, before.ownerTeam);
  await audited(
    actor,
    (tx) => tx.alertRule.delete({ where: { id } }),
    () => audit("alert-rule.delete", before, before),
  );
}

export async function listRules() {
  const rules = await db.alertRule.findMany({
    orderBy: { name: "asc" },
    include: { alerts: { where: { state: { not: "inactive" } }, select: { state: true } } },
  });
  return rules.map(({ alerts, ...r }) => ({
    ...r,
    description: describeRule(r),
    firing: alerts.filter((a) => a.state === "firing").length,
    pending: alerts.filter((a) => a.state === "pending").length,
  }));
}

/** Human wording of a rule's condition, for lists and notifications. */
export function describeRule(r: { kind: string; threshold: number; target: string; forSeconds: number }): string {
  const k = alertKind(r.kind);
  if (!k) return `unknown condition ${r.kind}`;
  return `${k.condition(r.threshold)} (${k.watches} ${r.target === "*" ? "all" : `matching ${r.target}`}${r.forSeconds ? `, for ${r.forSeconds} s` : ""})`;
}

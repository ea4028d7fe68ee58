// One evaluation cycle (the worker runs it every ALERT_EVALUATION_INTERVAL_MS): every enabled rule is
// observed, each alert stepped through its lifecycle, and the notifications it owes are written to
// the outbox in the same transaction as the state change — so a crash can lose neither.
import { db, type Prisma } from "@/server/db";
import { readAlertsOf, readRuleAlerts, rulesWithOpenAlerts, writePlan } from "./alert-rows";
import { alertKind, ObservationContext } from "./kinds";
import { groupAlerts, renderBody } from "./payloads";
import { changesNothing, planRule } from "./plan-rule";
import { activeSilences } from "./silences";

// Two workers may evaluate at once; their writes are serialised and each step reads the state the
// other left, so an alert cannot be notified twice for one change.
const ALERT_LOCK = 0x45_50_41_4c; // "EPAL"

export type EvaluationOptions = { now?: Date; externalUrl: string; lag?: { minIdleMs?: number } };

function reasonOf(alerts: { status: string; reason: string }[]): string {
  if (alerts.some((a) => a.reason === "first notification")) return "first notification";
  if (alerts.every((a) => a.status === "resolved")) return "all alerts resolved";
  if (alerts.some((a) => a.status === "resolved")) return "some alerts resolved";
  return alerts.some((a) => a.reason === "silence ended") ? "silence ended" : "repeat interval elapsed";
}

export type EvaluationOutcome = {
  rules: number;
  notifications: number;
  firing: number;
  /** alert rows created and updated: what the evaluation cost depends on */
  written: number;
};

export async function evaluateRules(opts: EvaluationOptions): Promise<EvaluationOutcome> {
  const now = opts.now ?? new Date();
  const rules = await db.alertRule.findMany({ where: { enabled: true }, orderBy: { name: "asc" } });
  const ctx = new ObservationContext(opts.lag ?? {}, now);
  const silences = await activeSilences(now);
  const endpoints = await db.webhookEndpoint.findMany({ where: { enabled: true } });
  let notifications = 0;
  let firing = 0;
  let written = 0;
  // Rules with an alert pending or firing; a rule with neither and nothing active now has nothing to
  // change, and skips its transaction (most of 1,000 rules, most of the time).
  const open = await rulesWithOpenAlerts();

  // Every alert of those rules, read once without the lock: a rule whose plan against it changes
  // nothing (most rules of a steady estate, every cycle) skips its transaction. One that changes
  // something plans again under the lock against a fresh read, and writes that.
  const candidates = rules.filter((r) => open.has(r.id)).map((r) => r.id);
  const storedOf = await readAlertsOf(candidates);

  for (const rule of rules) {
    // A stored rule of a kind this version no longer has observes nothing (its alerts resolve).
    const observations = (await alertKind(rule.kind)?.observe(rule, ctx)) ?? [];
    if (!open.has(rule.id) && !observations.some((o) => o.active)) continue;
    const preview = planRule(rule, observations, storedOf.get(rule.id) ?? [], now, silences);
    if (changesNothing(preview)) {
      firing += preview.firing;
      continue;
    }
    await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${ALERT_LOCK})`);
        const plan = planRule(rule, observations, await readRuleAlerts(tx, rule.id), now, silences);
        firing += plan.firing;
        written += plan.creates.length + plan.updates.length;
        await writePlan(tx, rule.id, plan, now);

        if (!plan.due.length) return;
        const targets = rule.endpointIds.length ? endpoints.filter((e) => rule.endpointIds.includes(e.id)) : endpoints;
        const rows: Prisma.NotificationCreateManyInput[] = groupAlerts(rule.name, rule.groupBy, plan.due).flatMap((g) => {
          const group = { ruleName: rule.name, reason: reasonOf(g.alerts), alerts: g.alerts, groupLabels: g.groupLabels };
          return targets.map((e) => ({
            endpointId: e.id,
            kind: g.alerts.some((a) => a.status === "firing") ? "firing" : "resolved",
            body: renderBody(e.format, group, e.name, opts.externalUrl),
          }));
        });
        if (rows.length) await tx.notification.createMany({ data: rows });
        notifications += rows.length;
      },
      // A rule over tens of thousands of groups may take longer than Prisma's default 5 s.
      { timeout: 120_000 },
    );
  }
  return { rules: rules.length, notifications, firing, written };
}

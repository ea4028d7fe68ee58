// One evaluation cycle (the worker runs it every ALERT_EVALUATION_INTERVAL_MS): every enabled rule is
// observed, each alert stepped through its lifecycle, and the notifications it owes are written to
// the outbox in the same transaction as the state change — so a crash can lose neither.
import { randomUUID } from "node:crypto";
import { db, type Prisma } from "@/server/db";
import { INACTIVE, stepAlert, type AlertMemory, type AlertState } from "./alert-state";
import { alertKind, ObservationContext } from "./kinds";
import { fingerprintOf, groupAlerts, renderBody, type NotifiedAlert } from "./payloads";
import { describeRule } from "./rules";
import { activeSilences, isSilenced } from "./silences";

// Two workers may evaluate at once; their writes are serialised and each step reads the state the
// other left, so an alert cannot be notified twice for one change.
const ALERT_LOCK = 0x45_50_41_4c; // "EPAL"

export type EvaluationOptions = { now?: Date; externalUrl: string; lag?: { minIdleMs?: number } };

// Every alert of a rule that changed, in one statement: a rule over 10,000 groups steps 10,000 alerts
// per evaluation, and one update each took minutes at 20,000 groups. A null resolvedAt keeps the
// stored one (only a resolution sets it). Times arrive as ISO text in UTC ("…Z") and the columns hold
// UTC without a time zone: PostgreSQL reads such text into a timestamp ignoring the "Z", as wanted.
const UPDATE_ALERTS = `
  UPDATE "Alert" a SET "state" = x.state, "activeSince" = x."activeSince", "firingSince" = x."firingSince",
    "lastNotifiedAt" = x."lastNotifiedAt", "value" = x.value, "labels" = x.labels, "subject" = x.subject,
    "resolvedAt" = coalesce(x."resolvedAt", a."resolvedAt"), "updatedAt" = $2::timestamp
  FROM json_to_recordset($1::json) AS x(id text, state text, "activeSince" timestamp, "firingSince" timestamp,
    "lastNotifiedAt" timestamp, value float8, labels jsonb, subject text, "resolvedAt" timestamp)
  WHERE a.id = x.id`;

function reasonOf(alerts: { status: string; reason: string }[]): string {
  if (alerts.some((a) => a.reason === "first notification")) return "first notification";
  if (alerts.every((a) => a.status === "resolved")) return "all alerts resolved";
  if (alerts.some((a) => a.status === "resolved")) return "some alerts resolved";
  return alerts.some((a) => a.reason === "silence ended") ? "silence ended" : "repeat interval elapsed";
}

export async function evaluateRules(opts: EvaluationOptions): Promise<{ rules: number; notifications: number; firing: number }> {
  const now = opts.now ?? new Date();
  const rules = await db.alertRule.findMany({ where: { enabled: true }, orderBy: { name: "asc" } });
  const ctx = new ObservationContext(opts.lag ?? {}, now);
  const silences = await activeSilences(now);
  const endpoints = await db.webhookEndpoint.findMany({ where: { enabled: true } });
  let notifications = 0;
  let firing = 0;
  // Rules with an alert pending or firing; a rule with neither and nothing active now has nothing to
  // change, and skips its transaction (most of 1,000 rules, most of the time).
  const open = new Set((await db.alert.findMany({ where: { state: { not: "inactive" } }, select: { ruleId: true } })).map((a) => a.ruleId));

  for (const rule of rules) {
    // A stored rule of a kind this version no longer has observes nothing (its alerts resolve).
    const observations = (await alertKind(rule.kind)?.observe(rule, ctx)) ?? [];
    if (!open.has(rule.id) && !observations.some((o) => o.active)) continue;
    const extra = rule.labels as Record<string, string>;
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${ALERT_LOCK})`);
      const existing = new Map((await tx.alert.findMany({ where: { ruleId: rule.id } })).map((a) => [a.fingerprint, a]));
      const due: (NotifiedAlert & { reason: string })[] = [];
      // Written together once every observation is stepped (see UPDATE_ALERTS).
      const creates: Prisma.AlertCreateManyInput[] = [];
      const updates: Record<string, unknown>[] = [];
      const events: Prisma.AlertEventCreateManyInput[] = [];
      const apply = (
        fingerprint: string,
        subject: string,
        labels: Record<string, string>,
        active: boolean,
        value: number | null,
        annotations: Record<string, string>,
      ) => {
        const row = existing.get(fingerprint);
        const prev: AlertMemory = row
          ? {
              state: row.state as AlertState,
              activeSince: row.activeSince,
              firingSince: row.firingSince,
              lastNotifiedAt: row.lastNotifiedAt,
            }
          : INACTIVE;
        const silenced = isSilenced(labels, silences);
        const step = stepAlert(prev, active, rule, now, silenced);
        if (step.next.state === "firing") firing++;
        if (!row && step.next.state === "inactive") return;
        const data = {
          state: step.next.state,
          activeSince: step.next.activeSince,
          firingSince: step.next.firingSince,
          lastNotifiedAt: step.next.lastNotifiedAt,
          value,
          labels,
          subject,
          ...(step.next.resolvedAt ? { resolvedAt: step.next.resolvedAt } : {}),
        };
        const alertId = row?.id ?? randomUUID();
        if (row) updates.push({ id: alertId, resolvedAt: null, ...data });
        else creates.push({ id: alertId, ...data, ruleId: rule.id, fingerprint });
        if (step.event) events.push({ alertId, state: step.event, value, silenced, at: now });
        if (step.notify) {
          due.push({
            status: step.notify,
            labels,
            annotations,
            startsAt: step.next.firingSince ?? prev.firingSince ?? now,
            endsAt: step.notify === "resolved" ? now : null,
            fingerprint,
            ruleId: rule.id,
            reason: step.reason ?? "unknown",
          });
        }
      };

      const seen = new Set<string>();
      for (const o of observations) {
        const labels = { alertname: rule.name, severity: rule.severity, ...o.labels, ...extra };
        const fingerprint = fingerprintOf(labels);
        seen.add(fingerprint);
        apply(fingerprint, o.subject, labels, o.active, o.value, {
          summary: o.summary,
          value: String(o.value),
          description: describeRule(rule),
        });
      }
      // A subject that is gone (group deleted, topic removed) no longer holds its condition.
      for (const [fingerprint, row] of existing) {
        if (seen.has(fingerprint) || row.state === "inactive") continue;
        apply(fingerprint, row.subject, row.labels as Record<string, string>, false, null, {
          summary: `${row.subject} is gone`,
          description: describeRule(rule),
        });
      }

      if (creates.length) await tx.alert.createMany({ data: creates });
      if (updates.length) await tx.$executeRawUnsafe(UPDATE_ALERTS, JSON.stringify(updates), new Date().toISOString());
      if (events.length) await tx.alertEvent.createMany({ data: events });

      if (!due.length) return;
      const targets = rule.endpointIds.length ? endpoints.filter((e) => rule.endpointIds.includes(e.id)) : endpoints;
      const rows: Prisma.NotificationCreateManyInput[] = groupAlerts(rule.name, rule.groupBy, due).flatMap((g) => {
        const group = { ruleName: rule.name, reason: reasonOf(g.alerts), alerts: g.alerts, groupLabels: g.groupLabels };
        return targets.map((e) => ({
          endpointId: e.id,
          kind: g.alerts.some((a) => a.status === "firing") ? "firing" : "resolved",
          body: renderBody(e.format, group, e.name, opts.externalUrl),
        }));
      });
      if (rows.length) await tx.notification.createMany({ data: rows });
      notifications += rows.length;
    });
  }
  return { rules: rules.length, notifications, firing };
}

// What one rule's evaluation would change: each observation (and each stored alert whose subject is
// gone) stepped through the alert lifecycle against the stored rows. Pure: the evaluator plans once
// against a read of every alert without the lock, to skip rules where nothing changes, and again
// under the lock against a fresh read before it writes.
import { randomUUID } from "node:crypto";
import { INACTIVE, stepAlert, type AlertMemory, type AlertState } from "./alert-state";
import type { Observation } from "./kinds";
import { fingerprintOf, type NotifiedAlert } from "./payloads";
import { describeRule } from "./rules";
import { isSilenced } from "./silences";

export type StoredAlert = AlertMemory & {
  id: string;
  fingerprint: string;
  value: number | null;
  labels: Record<string, string>;
  subject: string;
};
export type AlertRow = StoredAlert & { resolvedAt: Date | null };
export type EventRow = { alertId: string; state: string; value: number | null; silenced: boolean };
export type DueAlert = NotifiedAlert & { reason: string };

export type RulePlan = { creates: AlertRow[]; updates: AlertRow[]; events: EventRow[]; due: DueAlert[]; firing: number };

type PlannedRule = {
  id: string;
  name: string;
  kind: string;
  severity: string;
  threshold: number;
  target: string;
  forSeconds: number;
  repeatSeconds: number;
  labels: unknown;
};

const sameTime = (a: Date | null, b: Date | null) => (a === null ? b === null : b !== null && a.getTime() === b.getTime());
/** Nothing of the row would change: most alerts of a steady estate, every cycle. */
const unchanged = (stored: StoredAlert, next: AlertRow) =>
  next.resolvedAt === null &&
  stored.state === next.state &&
  stored.value === next.value &&
  stored.subject === next.subject &&
  sameTime(stored.activeSince, next.activeSince) &&
  sameTime(stored.firingSince, next.firingSince) &&
  sameTime(stored.lastNotifiedAt, next.lastNotifiedAt);

export const changesNothing = (plan: RulePlan) => !plan.creates.length && !plan.updates.length && !plan.events.length && !plan.due.length;

export function planRule(
  rule: PlannedRule,
  observations: Observation[],
  stored: StoredAlert[],
  now: Date,
  silences: { matchers: unknown }[],
): RulePlan {
  const existing = new Map(stored.map((a) => [a.fingerprint, a]));
  const plan: RulePlan = { creates: [], updates: [], events: [], due: [], firing: 0 };
  const description = describeRule(rule);
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
      ? { state: row.state as AlertState, activeSince: row.activeSince, firingSince: row.firingSince, lastNotifiedAt: row.lastNotifiedAt }
      : INACTIVE;
    const silenced = isSilenced(labels, silences);
    const step = stepAlert(prev, active, rule, now, silenced);
    if (step.next.state === "firing") plan.firing++;
    if (!row && step.next.state === "inactive") return;
    const alertId = row?.id ?? randomUUID();
    const next: AlertRow = {
      id: alertId,
      fingerprint,
      state: step.next.state,
      activeSince: step.next.activeSince,
      firingSince: step.next.firingSince,
      lastNotifiedAt: step.next.lastNotifiedAt,
      value,
      labels,
      subject,
      resolvedAt: step.next.resolvedAt ?? null,
    };
    if (!row) plan.creates.push(next);
    else if (!unchanged(row, next)) plan.updates.push(next);
    if (step.event) plan.events.push({ alertId, state: step.event, value, silenced });
    if (step.notify) {
      plan.due.push({
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

  const extra = rule.labels as Record<string, string>;
  const seen = new Set<string>();
  for (const o of observations) {
    const labels = { alertname: rule.name, severity: rule.severity, ...o.labels, ...extra };
    const fingerprint = fingerprintOf(labels);
    seen.add(fingerprint);
    apply(fingerprint, o.subject, labels, o.active, o.value, { summary: o.summary, value: String(o.value), description });
  }
  // A subject that is gone (group deleted, topic removed) no longer holds its condition.
  for (const [fingerprint, row] of existing) {
    if (seen.has(fingerprint) || row.state === "inactive") continue;
    apply(fingerprint, row.subject, row.labels, false, null, { summary: `${row.subject} is gone`, description });
  }
  return plan;
}

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

// A rule over 10,000 groups steps 10,000 alerts per evaluation: its alerts are read and written in
// a few statements, each row a column of arrays (Prisma's createMany took ~0.5 ms a row and went past
// its transaction timeout). Times travel as ISO text in UTC ("…Z") and the columns hold UTC without a
// time zone: PostgreSQL reads such text into a timestamp ignoring the "Z", as wanted.
const READ_ALERTS = `
  SELECT "id", "fingerprint", "state", "activeSince", "firingSince", "lastNotifiedAt", "value", "labels", "subject"
    FROM "Alert" WHERE "ruleId" = $1`;
const COLUMNS = `$2::text[], $3::text[], $4::timestamp[], $5::timestamp[], $6::timestamp[], $7::float8[], $8::jsonb[], $9::text[], $10::timestamp[], $11::text[]`;
const FIELDS = `id, state, "activeSince", "firingSince", "lastNotifiedAt", value, labels, subject, "resolvedAt", fingerprint`;
const INSERT_ALERTS = `
  INSERT INTO "Alert" ("ruleId", ${FIELDS}, "updatedAt")
  SELECT $1, ${FIELDS}, $12::timestamp FROM unnest(${COLUMNS}) AS x(${FIELDS})`;
// A null resolvedAt keeps the stored one (only a resolution sets it).
const UPDATE_ALERTS = `
  UPDATE "Alert" a SET "state" = x.state, "activeSince" = x."activeSince", "firingSince" = x."firingSince",
    "lastNotifiedAt" = x."lastNotifiedAt", "value" = x.value, "labels" = x.labels, "subject" = x.subject,
    "resolvedAt" = coalesce(x."resolvedAt", a."resolvedAt"), "updatedAt" = $12::timestamp
  FROM unnest(${COLUMNS}) AS x(${FIELDS})
  WHERE a.id = x.id AND a."ruleId" = $1`;
const INSERT_EVENTS = `
  INSERT INTO "AlertEvent" ("alertId", "state", "value", "silenced", "at")
  SELECT x."alertId", x.state, x.value, x.silenced, $5::timestamp FROM unnest($1::text[], $2::text[], $3::float8[], $4::boolean[]) AS x("alertId", state, value, silenced)`;

type StoredAlert = AlertMemory & { id: string; fingerprint: string; value: number | null; labels: Record<string, string>; subject: string };
type AlertRow = AlertMemory & {
  id: string;
  fingerprint: string;
  value: number | null;
  labels: Record<string, string>;
  subject: string;
  resolvedAt: Date | null;
};
type EventRow = { alertId: string; state: string; value: number | null; silenced: boolean };

const iso = (d: Date | null) => d?.toISOString() ?? null;
/** The rows as the parameters of INSERT_ALERTS / UPDATE_ALERTS. */
const alertColumns = (ruleId: string, rows: AlertRow[], now: Date) => [
  ruleId,
  rows.map((r) => r.id),
  rows.map((r) => r.state),
  rows.map((r) => iso(r.activeSince)),
  rows.map((r) => iso(r.firingSince)),
  rows.map((r) => iso(r.lastNotifiedAt)),
  rows.map((r) => r.value),
  rows.map((r) => JSON.stringify(r.labels)),
  rows.map((r) => r.subject),
  rows.map((r) => iso(r.resolvedAt)),
  rows.map((r) => r.fingerprint),
  now.toISOString(),
];

const sameTime = (a: Date | null, b: Date | null) => (a === null ? b === null : b !== null && a.getTime() === b.getTime());
/** Nothing of the row would change: most firing alerts of a steady estate, every cycle. */
const unchanged = (stored: StoredAlert, next: AlertRow) =>
  next.resolvedAt === null &&
  stored.state === next.state &&
  stored.value === next.value &&
  stored.subject === next.subject &&
  sameTime(stored.activeSince, next.activeSince) &&
  sameTime(stored.firingSince, next.firingSince) &&
  sameTime(stored.lastNotifiedAt, next.lastNotifiedAt);

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
  const open = new Set((await db.alert.findMany({ where: { state: { not: "inactive" } }, select: { ruleId: true } })).map((a) => a.ruleId));

  for (const rule of rules) {
    // A stored rule of a kind this version no longer has observes nothing (its alerts resolve).
    const observations = (await alertKind(rule.kind)?.observe(rule, ctx)) ?? [];
    if (!open.has(rule.id) && !observations.some((o) => o.active)) continue;
    const extra = rule.labels as Record<string, string>;
    await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${ALERT_LOCK})`);
        const stored = await tx.$queryRawUnsafe<StoredAlert[]>(READ_ALERTS, rule.id);
        const existing = new Map(stored.map((a) => [a.fingerprint, a]));
        const due: (NotifiedAlert & { reason: string })[] = [];
        // Written together once every observation is stepped.
        const creates: AlertRow[] = [];
        const updates: AlertRow[] = [];
        const events: EventRow[] = [];
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
          if (!row) creates.push(next);
          else if (!unchanged(row, next)) updates.push(next);
          if (step.event) events.push({ alertId, state: step.event, value, silenced });
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

        written += creates.length + updates.length;
        const writtenAt = new Date();
        if (creates.length) await tx.$executeRawUnsafe(INSERT_ALERTS, ...alertColumns(rule.id, creates, writtenAt));
        if (updates.length) await tx.$executeRawUnsafe(UPDATE_ALERTS, ...alertColumns(rule.id, updates, writtenAt));
        if (events.length)
          await tx.$executeRawUnsafe(
            INSERT_EVENTS,
            events.map((e) => e.alertId),
            events.map((e) => e.state),
            events.map((e) => e.value),
            events.map((e) => e.silenced),
            now.toISOString(),
          );

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
      },
      // A rule over tens of thousands of groups may take longer than Prisma's default 5 s.
      { timeout: 120_000 },
    );
  }
  return { rules: rules.length, notifications, firing, written };
}

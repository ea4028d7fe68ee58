// The Alert and AlertEvent rows of an evaluation. A rule over 10,000 groups steps 10,000 alerts per
// evaluation, so its alerts are read and written in a few statements, each row a column of arrays
// (Prisma's createMany took ~0.5 ms a row and went past its transaction timeout). Times travel as
// ISO text in UTC ("…Z") and the columns hold UTC without a time zone: PostgreSQL reads such text
// into a timestamp ignoring the "Z", as wanted.
import { db, type Prisma } from "@/server/db";
import { appendTo } from "@/server/lib/append-to";
import type { AlertRow, RulePlan, StoredAlert } from "./plan-rule";

const STORED = `"id", "fingerprint", "state", "activeSince", "firingSince", "lastNotifiedAt", "value", "labels", "subject"`;
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
  SELECT x."alertId", x.state, x.value, x.silenced, $5::timestamp
    FROM unnest($1::text[], $2::text[], $3::float8[], $4::boolean[]) AS x("alertId", state, value, silenced)`;

/** The rules with an alert pending or firing (one row each, not one per alert: 200,000 at 20,000 groups). */
export async function rulesWithOpenAlerts(): Promise<Set<string>> {
  const rows = await db.$queryRawUnsafe<{ ruleId: string }[]>(`SELECT DISTINCT "ruleId" FROM "Alert" WHERE "state" <> 'inactive'`);
  return new Set(rows.map((r) => r.ruleId));
}

/** One rule's alerts, inside its transaction (under the evaluation lock). */
export function readRuleAlerts(tx: Prisma.TransactionClient, ruleId: string): Promise<StoredAlert[]> {
  return tx.$queryRawUnsafe<StoredAlert[]>(`SELECT ${STORED} FROM "Alert" WHERE "ruleId" = $1`, ruleId);
}

/** The alerts of these rules in one read, without the lock: for planning which rules change at all. */
export async function readAlertsOf(ruleIds: string[]): Promise<Map<string, StoredAlert[]>> {
  const rows = ruleIds.length
    ? await db.$queryRawUnsafe<(StoredAlert & { ruleId: string })[]>(
        `SELECT "ruleId", ${STORED} FROM "Alert" WHERE "ruleId" = ANY($1::text[])`,
        ruleIds,
      )
    : [];
  const byRule = new Map<string, StoredAlert[]>();
  for (const { ruleId, ...row } of rows) appendTo(byRule, ruleId, row);
  return byRule;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;
/** The rows as the parameters of INSERT_ALERTS / UPDATE_ALERTS. */
const alertColumns = (ruleId: string, rows: AlertRow[], writtenAt: Date) => [
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
  writtenAt.toISOString(),
];

/** Writes a rule's plan: new alerts, changed alerts, and one event per state change at `now`. */
export async function writePlan(tx: Prisma.TransactionClient, ruleId: string, plan: RulePlan, now: Date): Promise<void> {
  const writtenAt = new Date();
  if (plan.creates.length) await tx.$executeRawUnsafe(INSERT_ALERTS, ...alertColumns(ruleId, plan.creates, writtenAt));
  if (plan.updates.length) await tx.$executeRawUnsafe(UPDATE_ALERTS, ...alertColumns(ruleId, plan.updates, writtenAt));
  if (plan.events.length)
    await tx.$executeRawUnsafe(
      INSERT_EVENTS,
      plan.events.map((e) => e.alertId),
      plan.events.map((e) => e.state),
      plan.events.map((e) => e.value),
      plan.events.map((e) => e.silenced),
      now.toISOString(),
    );
}

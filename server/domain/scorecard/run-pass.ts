// One scorecard pass: every check reads the live system through its owning context, then the findings
// are reconciled in one transaction: new ones opened, present ones refreshed, resolved ones that came
// back reopened, and open ones a check that ran no longer reports resolved. A check that did not run
// (turned off, or it failed) leaves its findings as they were. Two workers never write a pass at once.
import { db } from "@/server/db";
import { appendAudit } from "@/server/domain/audit";
import { authorize, type Actor } from "@/server/domain/identity";
import { currentPolicy, liftedForOverrides, severityIn } from "@/server/domain/policies";
import { candidateScope, type Candidate, type CheckResult } from "./candidate";
import { groupChecks } from "./checks/group-checks";
import { recordChecks } from "./checks/record-checks";
import { schemaChecks } from "./checks/schema-checks";
import { catalogChecks } from "./checks/catalog-checks";
import { spanChecks } from "./checks/span-checks";

export type PassOptions = {
  /** the pass's clock */
  now?: Date;
  /** skip when another pass finished less than this long ago (two workers on one schedule) */
  minIntervalMs?: number;
};
export type PassResult = {
  ran: boolean;
  opened: number;
  resolved: number;
  open: number;
  coverage: Record<string, number>;
  /** checks that did not run (their findings are left as they were) */
  failed: string[];
  /** things a check that ran could not look at ("topic x: …"), capped */
  problems: string[];
};

const keyOf = (c: { check: string; targetType: string; targetKey: string; detail: string }) =>
  `${c.check}\u0000${c.targetType}\u0000${c.targetKey}\u0000${c.detail}`;

export async function runScorecardPass(opts: PassOptions = {}): Promise<PassResult> {
  const started = Date.now();
  const now = opts.now ?? new Date();
  const { document: policy, offRules } = liftedForOverrides((await currentPolicy()).document);
  const failed: string[] = [];
  const results: CheckResult[] = [];
  for (const [name, run] of [
    ["schemas", () => schemaChecks(policy.checks)],
    ["groups", () => groupChecks(policy.checks)],
    ["spans", () => spanChecks(policy.checks, now)],
    ["catalog", () => catalogChecks(policy, now)],
    ["records", async () => recordChecks(policy, await db.scorecardPass.count())],
  ] as const) {
    try {
      results.push(await run());
    } catch (error) {
      failed.push(`${name}: ${(error as Error).message}`);
    }
  }
  const problems = results.flatMap((r) => r.problems ?? []).slice(0, 20);
  const ran = new Set(results.flatMap((r) => r.checks));
  // Per check, the targets it may resolve findings on (undefined: every target it reports on).
  const scope = new Map<string, Set<string> | undefined>();
  for (const r of results) for (const c of r.checks) scope.set(c, r.covered ? new Set(r.covered) : undefined);
  const resolvable = (f: { check: string; targetKey: string }) => {
    const covered = scope.get(f.check);
    return !covered || covered.has(f.targetKey);
  };
  // The policy's overrides set a check's severity per team or name pattern; "off" there drops the finding.
  const scoped = results
    .flatMap((r) => r.candidates)
    .flatMap((c): Candidate[] => {
      const severity = severityIn(policy.overrides, c.check, offRules.has(c.check) ? "off" : c.severity, candidateScope(c));
      return severity === "off" ? [] : [{ ...c, severity }];
    });
  const candidates = new Map(scoped.map((c) => [keyOf(c), c]));
  const coverage = Object.assign({}, ...results.map((r) => r.coverage)) as Record<string, number>;

  return db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<
        { locked: boolean }[]
      >`SELECT pg_try_advisory_xact_lock(hashtext('eventplane:scorecard')) AS locked`;
      if (!lock?.locked) return { ran: false, opened: 0, resolved: 0, open: 0, coverage, failed, problems };
      if (opts.minIntervalMs) {
        const last = await tx.scorecardPass.findFirst({ orderBy: { at: "desc" } });
        if (last && now.getTime() - last.at.getTime() < opts.minIntervalMs)
          return { ran: false, opened: 0, resolved: 0, open: 0, coverage, failed, problems };
      }
      const stored = await tx.finding.findMany({ where: { check: { in: [...ran] } } });
      const byKey = new Map(stored.map((f) => [keyOf(f), f]));
      let opened = 0;
      const fresh = [];
      for (const [key, c] of candidates) {
        const row = byKey.get(key);
        const data = {
          severity: c.severity,
          targetLabel: c.targetLabel,
          team: c.team,
          message: c.message,
          evidence: c.evidence as object,
          lastSeenAt: now,
        };
        if (!row) {
          fresh.push({ ...data, check: c.check, targetType: c.targetType, targetKey: c.targetKey, detail: c.detail, firstSeenAt: now });
          opened++;
        } else if (row.resolvedAt) {
          // Back after it was fixed: a new occurrence, so its age and any acknowledgement start over.
          await tx.finding.update({
            where: { id: row.id },
            data: { ...data, firstSeenAt: now, resolvedAt: null, ackReason: null, ackBy: null, ackUntil: null },
          });
          opened++;
        } else {
          await tx.finding.update({ where: { id: row.id }, data });
        }
      }
      if (fresh.length) await tx.finding.createMany({ data: fresh, skipDuplicates: true });
      const gone = stored.filter((f) => !f.resolvedAt && !candidates.has(keyOf(f)) && resolvable(f)).map((f) => f.id);
      if (gone.length) await tx.finding.updateMany({ where: { id: { in: gone } }, data: { resolvedAt: now } });
      await tx.scorecardPass.create({
        data: {
          at: now,
          durationMs: Date.now() - started,
          coverage: { ...coverage, failed: failed.length },
          opened,
          resolved: gone.length,
        },
      });
      const open = await tx.finding.count({ where: { resolvedAt: null } });
      return { ran: true, opened, resolved: gone.length, open, coverage, failed, problems };
    },
    { timeout: 60_000 },
  );
}

/** A pass a person asks for (admins: it reads the whole estate), recorded in the audit log with what it found. */
export async function runPassNow(actor: Actor): Promise<PassResult> {
  authorize(actor, "admin", { what: "a scorecard pass" });
  const result = await runScorecardPass();
  if (result.ran)
    await appendAudit(db, actor, {
      action: "scorecard.run",
      targetType: "scorecard",
      targetId: "pass",
      after: { opened: result.opened, resolved: result.resolved, open: result.open, failed: result.failed },
    });
  return result;
}

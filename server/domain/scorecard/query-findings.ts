// Reading the scorecard: findings filtered and paged, a summary per team with its trend against a week
// ago, the last pass's coverage, and the findings of one thing (a subject's or a group's page).
import { z } from "zod";
import { db, Prisma } from "@/server/db";
import { parseInput } from "@/server/errors";

const WEEK_MS = 7 * 24 * 3600 * 1000;

export const FindingFilter = z.object({
  team: z.string().max(100).optional(),
  check: z.string().max(100).optional(),
  severity: z.enum(["error", "warning"]).optional(),
  targetType: z.enum(["subject", "topic", "group", "service"]).optional(),
  /** open (acknowledged ones included, marked), acknowledged only, resolved, or all */
  state: z.enum(["open", "acknowledged", "resolved", "all"]).default("open"),
  search: z.string().max(200).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(200).default(50),
});

function where(f: z.output<typeof FindingFilter>, now: Date): Prisma.FindingWhereInput {
  return {
    ...(f.team ? { team: f.team === "(none)" ? null : f.team } : {}),
    ...(f.check ? { check: f.check } : {}),
    ...(f.severity ? { severity: f.severity } : {}),
    ...(f.targetType ? { targetType: f.targetType } : {}),
    ...(f.search
      ? {
          OR: [
            { targetLabel: { contains: f.search, mode: "insensitive" as const } },
            { targetKey: { contains: f.search, mode: "insensitive" as const } },
          ],
        }
      : {}),
    ...(f.state === "open" ? { resolvedAt: null } : {}),
    ...(f.state === "acknowledged" ? { resolvedAt: null, ackUntil: { gt: now } } : {}),
    ...(f.state === "resolved" ? { resolvedAt: { not: null } } : {}),
  };
}

export async function listFindings(raw: z.input<typeof FindingFilter>, now = new Date()) {
  const f = parseInput(FindingFilter, raw);
  const w = where(f, now);
  const [total, rows] = await Promise.all([
    db.finding.count({ where: w }),
    db.finding.findMany({
      where: w,
      // Errors first, then the oldest: what has been wrong longest is the first to fix.
      orderBy: [{ resolvedAt: { sort: "desc", nulls: "first" } }, { severity: "asc" }, { firstSeenAt: "asc" }, { id: "asc" }],
      skip: f.offset,
      take: f.limit,
    }),
  ]);
  return { total, items: rows.map((r) => ({ ...r, acknowledged: !!r.ackUntil && r.ackUntil > now })) };
}

export type TeamScore = { team: string | null; errors: number; warnings: number; acknowledged: number; weekAgo: number; trend: number };

/** Open findings per team now and a week ago; acknowledged ones are counted apart, not in the score. */
export async function scorecardSummary(now = new Date()) {
  const weekAgo = new Date(now.getTime() - WEEK_MS);
  const rows = await db.finding.findMany({
    where: { OR: [{ resolvedAt: null }, { resolvedAt: { gt: weekAgo } }] },
    select: { team: true, severity: true, firstSeenAt: true, resolvedAt: true, ackUntil: true },
  });
  const teams = new Map<string | null, TeamScore>();
  for (const r of rows) {
    const t = teams.get(r.team) ?? { team: r.team, errors: 0, warnings: 0, acknowledged: 0, weekAgo: 0, trend: 0 };
    if (r.firstSeenAt <= weekAgo) t.weekAgo++;
    if (!r.resolvedAt) {
      if (r.ackUntil && r.ackUntil > now) t.acknowledged++;
      else if (r.severity === "error") t.errors++;
      else t.warnings++;
    }
    teams.set(r.team, t);
  }
  const scores = [...teams.values()]
    .map((t) => ({ ...t, trend: t.errors + t.warnings + t.acknowledged - t.weekAgo }))
    .filter((t) => t.errors + t.warnings + t.acknowledged + t.weekAgo > 0)
    .sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || (a.team ?? "").localeCompare(b.team ?? ""));
  const [lastPass, checks] = await Promise.all([
    db.scorecardPass.findFirst({ orderBy: { at: "desc" } }),
    db.finding.groupBy({ by: ["check"], where: { resolvedAt: null }, _count: { _all: true }, orderBy: { check: "asc" } }),
  ]);
  return {
    teams: scores,
    checks: checks.map((c) => ({ check: c.check, open: c._count._all })),
    lastPass: lastPass && {
      at: lastPass.at,
      durationMs: lastPass.durationMs,
      coverage: lastPass.coverage as Record<string, number>,
      problems: ((lastPass.coverage as { problems?: string[] }).problems ?? []).slice(0, 20),
    },
  };
}

/** The open findings of one thing, for its own page. */
export async function findingsFor(targetType: string, targetKey: string, now = new Date()) {
  const rows = await db.finding.findMany({
    where: { targetType, targetKey, resolvedAt: null },
    orderBy: [{ severity: "asc" }, { check: "asc" }],
  });
  return rows.map((r) => ({ ...r, acknowledged: !!r.ackUntil && r.ackUntil > now }));
}

/** Every open finding, for the alert rule kind "scorecard finding" (plugged into the alerts context). */
export async function openFindingsForAlerts(now = new Date()) {
  const rows = await db.finding.findMany({
    where: { resolvedAt: null },
    select: { id: true, check: true, severity: true, targetLabel: true, team: true, message: true, ackUntil: true },
  });
  return rows.map(({ ackUntil, severity, ...f }) => ({
    ...f,
    severity: severity === "error" ? ("error" as const) : ("warning" as const),
    acknowledged: !!ackUntil && ackUntil > now,
  }));
}

// "A scorecard finding of severity ≥ X": each open, unacknowledged finding whose check matches the
// rule's pattern (and, for a team's rule, that the team owns) is one alert, routed like any other; it
// resolves when the finding is fixed or acknowledged. The findings come from the scorecard context,
// which itself reads alert rules (to find unwatched groups): to keep the contexts' dependencies one
// way, the scorecard is plugged in here as a source by the process that runs the evaluation.
import { globMatcher } from "@/server/lib/safe-regex";
import type { AlertKind } from "./types";

export type OpenFinding = {
  id: string;
  check: string;
  severity: "error" | "warning";
  targetLabel: string;
  team: string | null;
  message: string;
  acknowledged: boolean;
};
export type FindingSource = () => Promise<OpenFinding[]>;

let source: FindingSource | null = null;

/** Plugs the scorecard's open findings in (the worker and tests do, at start). */
export function setFindingSource(s: FindingSource | null): void {
  source = s;
}

const RANK = { warning: 1, error: 2 } as const;

export const scorecardFindings: AlertKind = {
  kind: "scorecard_finding",
  label: "Scorecard finding",
  thresholdUnit: "severity (1 = warning or worse, 2 = error)",
  targetLabel: "Check pattern (records.*, schemas.envelope…)",
  watches: "checks",
  condition: (t) => `a scorecard finding of severity ${t >= 2 ? "error" : "warning or worse"}`,
  async observe(rule) {
    if (!source) return [];
    const matches = globMatcher(rule.target);
    const minimum = Math.max(1, rule.threshold);
    return (await source())
      .filter((f) => matches(f.check) && (!rule.ownerTeam || f.team === rule.ownerTeam))
      .map((f) => {
        const active = !f.acknowledged && RANK[f.severity] >= minimum;
        return {
          subject: f.id,
          labels: { check: f.check, target: f.targetLabel, severity: f.severity, ...(f.team ? { team: f.team } : {}) },
          value: RANK[f.severity],
          active,
          summary: `${f.targetLabel}: ${f.message}`,
        };
      });
  },
};

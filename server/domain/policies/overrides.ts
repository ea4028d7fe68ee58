// Per-team and per-name exceptions to the policy: an override names the teams and/or a name pattern it
// covers and the severity it gives rules there ("records.duplicates: off" for the team whose topics are
// replays, "topics.partitions.max: warning" for analytics-*). Overrides apply in order: the last one that
// covers a rule wins. They reach every path: registration, topic changes, the check endpoint, the scorecard.
import { z } from "zod";
import { safeRegExp } from "@/server/lib/safe-regex";
import { Severity } from "./schema-rules";

export const Override = z
  .object({
    /** owner teams it covers */
    teams: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
    /** a regular expression (RE2) the whole name must match: topic, subject, or a group's id or topics */
    names: z.string().min(1).max(500).optional(),
    /** rule → severity there ("schemas.envelope": "error", "ordering.hotPartition": "off") */
    severities: z.record(z.string().regex(/^[a-zA-Z]+(\.[a-zA-Z]+)+$/, "a rule name such as schemas.envelope"), Severity),
    /** why the exception exists, for whoever reads the policy next */
    reason: z.string().max(500).optional(),
  })
  .strict()
  .refine((o) => o.teams || o.names, "an override names teams, a name pattern, or both");
export type Override = z.output<typeof Override>;

/** What a rule was found on: its owner team and the names an override's pattern may match. */
export type Scope = { team?: string | null; names: string[] };

const compiled = new Map<string, (s: string) => boolean>();
function matcher(pattern: string) {
  let m = compiled.get(pattern);
  if (!m) {
    const re = safeRegExp(`^(?:${pattern})$`);
    m = (s) => re.test(s);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, m);
  }
  return m;
}

function covers(o: Override, scope: Scope): boolean {
  if (o.teams && !(scope.team && o.teams.includes(scope.team))) return false;
  if (o.names && !scope.names.some(matcher(o.names))) return false;
  return true;
}

/** The severity of `rule` where `scope` is, after the overrides (the last covering one wins). */
export function severityIn<S extends Severity>(overrides: Override[], rule: string, base: S, scope: Scope): Severity {
  let severity: Severity = base;
  for (const o of overrides) {
    const set = o.severities[rule];
    if (set && covers(o, scope)) severity = set;
  }
  return severity;
}

/** Violations with their severities after the overrides; those turned off are dropped. */
export function applyOverrides<V extends { rule: string; severity: "error" | "warning" }>(
  overrides: Override[],
  violations: V[],
  scope: Scope,
): V[] {
  if (!overrides.length) return violations;
  return violations.flatMap((v) => {
    const severity = severityIn(overrides, v.rule, v.severity, scope);
    return severity === "off" ? [] : [{ ...v, severity }];
  });
}

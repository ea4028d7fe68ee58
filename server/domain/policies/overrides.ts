// Per-team and per-name exceptions to the policy: an override names the teams and/or a name pattern it
// covers and the severity it gives rules there ("records.duplicates: off" for the team whose topics are
// replays, "topics.partitions.max: warning" for analytics-*). Overrides apply in order: the last one that
// covers a rule wins. They reach every path: registration, topic changes, the check endpoint, the scorecard.
import { z } from "zod";
import { safeRegExp } from "@/server/lib/safe-regex";
import type { PolicyDocument } from "./policy-document";
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

/** Which setting of the document each rule's severity lives in (rules not listed have no "off" to lift). */
const RULE_SETTINGS: Record<string, [section: "schemas" | "checks", key: string]> = {
  "schemas.envelope": ["schemas", "envelope"],
  "schemas.eventNames": ["schemas", "eventNames"],
  "schemas.compatibilityNone": ["schemas", "compatibilityNone"],
  "schemas.uncheckedVersion": ["checks", "uncheckedVersions"],
  "observability.unwatchedGroup": ["checks", "unwatchedGroups"],
  "observability.untracedGroup": ["checks", "untracedGroups"],
  "duplicates.reprocessed": ["checks", "reprocessed"],
  "deadLetters.noPath": ["checks", "noDeadLetterPath"],
  "deadLetters.required": ["checks", "deadLetterRequired"],
  "ordering.hotPartition": ["checks", "hotPartitions"],
  "naming.topic": ["checks", "topicNames"],
  "ownership.topic": ["checks", "owners"],
  "records.largePayloads": ["checks", "largePayloads"],
  "records.keylessOrdering": ["checks", "keylessOrdering"],
  "records.duplicates": ["checks", "duplicates"],
  "records.unregistered": ["checks", "unregisteredPayloads"],
  // sampled JSON values are held to the schemas' envelope setting
  "records.envelope": ["schemas", "envelope"],
};

/**
 * A rule that is "off" in the document but turned on by an override still has to run, only to be kept
 * where the override covers it: the document to run the rules with (those rules at "warning"), and the
 * rules whose base severity stays "off" (give it to severityIn, so only covered findings remain).
 */
export function liftedForOverrides(doc: PolicyDocument): { document: PolicyDocument; offRules: Set<string> } {
  const offRules = new Set<string>();
  let document = doc;
  for (const o of doc.overrides)
    for (const [rule, severity] of Object.entries(o.severities)) {
      const setting = RULE_SETTINGS[rule];
      if (severity === "off" || !setting) continue;
      const [section, key] = setting;
      const current = (document[section] as Record<string, { severity: Severity } | undefined>)[key];
      if (!current || current.severity !== "off") continue;
      document = { ...document, [section]: { ...document[section], [key]: { ...current, severity: "warning" } } };
      // Every rule held to that setting runs now; each stays off wherever no override covers it.
      for (const [other, [s2, k2]] of Object.entries(RULE_SETTINGS)) if (s2 === section && k2 === key) offRules.add(other);
    }
  return { document, offRules };
}

// A rule "off" in the document that an override turns on for some team or names: it must still run,
// and be kept only where the override covers it.
import type { PolicyDocument } from "./policy-document";
import type { Severity } from "./schema-rules";

/** Which setting of the document each rule's severity lives in (rules not listed have no "off" to lift). */
const RULE_SETTINGS: Record<string, [section: "schemas" | "checks", key: string]> = {
  "schemas.envelope": ["schemas", "envelope"],
  "schemas.eventNames": ["schemas", "eventNames"],
  "schemas.compatibilityNone": ["schemas", "compatibilityNone"],
  "schemas.uncheckedVersion": ["checks", "uncheckedVersions"],
  "observability.unwatchedGroup": ["checks", "unwatchedGroups"],
  "observability.untracedGroup": ["checks", "untracedGroups"],
  "observability.untracedService": ["checks", "untracedServices"],
  "duplicates.reprocessed": ["checks", "reprocessed"],
  "deadLetters.noPath": ["checks", "noDeadLetterPath"],
  "deadLetters.required": ["checks", "deadLetterRequired"],
  "ordering.hotPartition": ["checks", "hotPartitions"],
  "naming.topic": ["checks", "topicNames"],
  "ownership.topic": ["checks", "owners"],
  "ownership.subject": ["checks", "owners"],
  "ownership.service": ["checks", "owners"],
  "records.largePayloads": ["checks", "largePayloads"],
  "records.keylessOrdering": ["checks", "keylessOrdering"],
  "records.duplicates": ["checks", "duplicates"],
  "records.unregistered": ["checks", "unregisteredPayloads"],
  // sampled JSON values are held to the schemas' envelope setting
  "records.envelope": ["schemas", "envelope"],
  "records.eventNames": ["schemas", "eventNames"],
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

// Schema findings: the latest version of every value subject held against the policy's schema rules
// (envelope fields, command-style names, a subject at NONE, minimum level, subject names).
import type { CheckRules } from "@/server/domain/policies";
import { latestSubjectFindings, uncheckedVersions } from "@/server/domain/schemas";
import type { Candidate, CheckResult } from "../candidate";

export const SCHEMA_CHECKS = [
  "schemas.envelope",
  "schemas.eventNames",
  "schemas.compatibilityNone",
  "schemas.minCompatibility",
  "schemas.subjectNamePattern",
];

export async function schemaChecks(rules: CheckRules): Promise<CheckResult> {
  const subjects = await latestSubjectFindings();
  const candidates: Candidate[] = subjects.flatMap((s) =>
    s.violations.map((v) => ({
      check: v.rule,
      severity: v.severity,
      targetType: "subject" as const,
      targetKey: s.subject,
      targetLabel: s.subject,
      // Several envelope fields may be missing: one finding each, so fixing one resolves one.
      detail: v.rule === "schemas.envelope" ? v.path : "",
      team: s.ownerTeam,
      message: v.message,
      evidence: { subject: s.subject, version: s.version, schemaId: s.schemaId, schemaType: s.type, level: s.level, path: v.path },
    })),
  );
  const checks = [...SCHEMA_CHECKS];
  if (rules.uncheckedVersions.severity !== "off") {
    checks.push("schemas.uncheckedVersion");
    for (const v of await uncheckedVersions())
      candidates.push({
        check: "schemas.uncheckedVersion",
        severity: rules.uncheckedVersions.severity,
        targetType: "subject" as const,
        targetKey: v.subject,
        targetLabel: v.subject,
        detail: String(v.version),
        team: v.ownerTeam,
        message:
          v.levelNow === "NONE"
            ? `version ${v.version} was registered while the subject was at NONE: nothing checked it against the versions before`
            : `version ${v.version} was registered while the subject was at NONE and the level is ${v.levelNow} again: a change forced through by lowering the level`,
        evidence: {
          subject: v.subject,
          version: v.version,
          schemaId: v.schemaId,
          registeredAt: v.registeredAt.toISOString(),
          level: v.levelNow,
          path: "",
        },
      });
  }
  if (rules.owners.severity !== "off") {
    checks.push("ownership.subject");
    for (const s of subjects.filter((x) => !x.ownerTeam))
      candidates.push({
        check: "ownership.subject",
        severity: rules.owners.severity,
        targetType: "subject",
        targetKey: s.subject,
        targetLabel: s.subject,
        detail: "",
        team: null,
        message: `${s.subject} has no owner team: nobody decides its changes, and a breaking one has nobody to ask`,
        evidence: { subject: s.subject, version: s.version, schemaId: s.schemaId, path: "" },
      });
  }
  return { checks, candidates, coverage: { subjects: subjects.length } };
}

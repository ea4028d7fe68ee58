// Schema findings: the latest version of every value subject held against the policy's schema rules
// (envelope fields, command-style names, a subject at NONE, minimum level, subject names).
import { latestSubjectFindings } from "@/server/domain/schemas";
import type { CheckResult } from "../candidate";

export const SCHEMA_CHECKS = [
  "schemas.envelope",
  "schemas.eventNames",
  "schemas.compatibilityNone",
  "schemas.minCompatibility",
  "schemas.subjectNamePattern",
];

export async function schemaChecks(): Promise<CheckResult> {
  const subjects = await latestSubjectFindings();
  const candidates = subjects.flatMap((s) =>
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
  return { checks: SCHEMA_CHECKS, candidates, coverage: { subjects: subjects.length } };
}

// Where a finding's target lives in the console.
export function targetHref(f: { targetType: string; targetKey: string; evidence: unknown }): string | null {
  const evidence = (f.evidence ?? {}) as Record<string, unknown>;
  if (f.targetType === "subject") return `/schemas/${encodeURIComponent(f.targetKey)}`;
  if (f.targetType === "group" && typeof evidence.groupRef === "string") return `/consumers/${evidence.groupRef}`;
  if (f.targetType === "topic" && typeof evidence.topicId === "string") return `/topics/${evidence.topicId}`;
  return null;
}

export const CHECK_LABELS: Record<string, string> = {
  "schemas.envelope": "Envelope fields missing",
  "schemas.eventNames": "Event named as a command",
  "schemas.compatibilityNone": "Subject takes any change (NONE)",
  "schemas.minCompatibility": "Below the minimum compatibility",
  "schemas.subjectNamePattern": "Subject name against the pattern",
  "observability.unwatchedGroup": "Group no alert rule watches",
};

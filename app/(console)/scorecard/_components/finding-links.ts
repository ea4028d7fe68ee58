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
  "records.largePayloads": "Large payloads",
  "records.keylessOrdering": "Keyless records of one aggregate",
  "records.duplicates": "Same event id more than once",
  "records.unregistered": "Values without a registered schema",
  "records.envelope": "JSON values without envelope fields",
};

/** The records a topic finding's evidence points at (partition and offset pairs), as record-view links. */
export function evidenceRecordLinks(f: { targetType: string; targetKey: string; evidence: unknown }, max = 10) {
  if (f.targetType !== "topic") return [];
  const slash = f.targetKey.indexOf("/");
  const cluster = f.targetKey.slice(0, slash);
  const topic = f.targetKey.slice(slash + 1);
  const out: { label: string; href: string }[] = [];
  const seen = new Set<string>();
  const walk = (v: unknown) => {
    if (out.length >= max || !v || typeof v !== "object") return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if (typeof o.partition === "number" && typeof o.offset === "string") {
      const label = `partition ${o.partition} · offset ${o.offset}`;
      if (!seen.has(label)) {
        seen.add(label);
        out.push({
          label,
          href: `/topics/record?${new URLSearchParams({ cluster, topic, partition: String(o.partition), offset: o.offset })}`,
        });
      }
    }
    Object.values(o).forEach(walk);
  };
  walk(f.evidence);
  return out;
}

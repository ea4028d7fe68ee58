// Where a finding's target lives in the console.
export function targetHref(f: { targetType: string; targetKey: string; evidence: unknown }): string | null {
  const evidence = (f.evidence ?? {}) as Record<string, unknown>;
  if (f.targetType === "subject") return `/schemas/${encodeURIComponent(f.targetKey)}`;
  if (f.targetType === "group" && typeof evidence.groupRef === "string") return `/consumers/${evidence.groupRef}`;
  if (f.targetType === "topic" && typeof evidence.topicId === "string") return `/topics/${evidence.topicId}`;
  if (f.targetType === "service") return `/lineage?${new URLSearchParams({ focus: `svc:${f.targetKey}`, node: `svc:${f.targetKey}` })}`;
  return null;
}

export const CHECK_LABELS: Record<string, string> = {
  "schemas.envelope": "Envelope fields missing",
  "schemas.eventNames": "Event named as a command",
  "schemas.compatibilityNone": "Subject takes any change (NONE)",
  "schemas.minCompatibility": "Below the minimum compatibility",
  "schemas.subjectNamePattern": "Subject name against the pattern",
  "observability.unwatchedGroup": "Group no alert rule watches",
  "observability.untracedGroup": "Consumer without spans",
  "observability.untracedService": "Declared service without spans",
  "duplicates.reprocessed": "Records processed twice",
  "deadLetters.noPath": "Failing consumer without a dead-letter queue",
  "deadLetters.required": "No dead-letter queue (policy)",
  "ordering.hotPartition": "Hot partition (key skew)",
  "naming.topic": "Topic name against the policy",
  "ownership.topic": "Topic without an owner",
  "ownership.subject": "Subject without an owner",
  "ownership.service": "Service without an owner",
  "schemas.uncheckedVersion": "Version registered unchecked (NONE)",
  "records.largePayloads": "Large payloads",
  "records.keylessOrdering": "Keyless records of one aggregate",
  "records.duplicates": "Same event id more than once",
  "records.unregistered": "Values without a registered schema",
  "records.envelope": "JSON values without envelope fields",
  "records.eventNames": "Records typed as a command",
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

/** The traces a finding's evidence names (`traceId`, `traceIds`), as trace-view links. */
export function evidenceTraceLinks(evidence: unknown, max = 8): { label: string; href: string }[] {
  const ids = new Set<string>();
  const walk = (v: unknown) => {
    if (ids.size >= max || !v || typeof v !== "object") return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if (typeof o.traceId === "string") ids.add(o.traceId);
    if (Array.isArray(o.traceIds)) for (const id of o.traceIds) if (typeof id === "string" && ids.size < max) ids.add(id);
    Object.values(o).forEach(walk);
  };
  walk(evidence);
  return [...ids].map((id) => ({ label: id.slice(0, 12), href: `/traces/${id}` }));
}

/** A hot-partition finding's records per partition, for its bar chart. */
export function partitionShares(evidence: unknown): { partition: number; records: number; share: number }[] {
  const parts = (evidence as { partitions?: unknown })?.partitions;
  if (!Array.isArray(parts)) return [];
  const rows = parts.filter(
    (p): p is { partition: number; records: number } => typeof p?.partition === "number" && typeof p?.records === "number",
  );
  const total = rows.reduce((n, p) => n + p.records, 0) || 1;
  return rows.map((p) => ({ ...p, share: p.records / total }));
}

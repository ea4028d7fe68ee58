// A finding as a check reports it, before the pass stores it: what was found where, how bad, whose, and
// the evidence that shows it.
export type TargetType = "subject" | "topic" | "group" | "service";

export type Candidate = {
  check: string;
  severity: "error" | "warning";
  targetType: TargetType;
  targetKey: string;
  targetLabel: string;
  /** tells several findings of one check on one target apart ("" when there is one) */
  detail: string;
  team: string | null;
  message: string;
  evidence: Record<string, unknown>;
};

/** Where a candidate was found, as the policy's overrides see it: its team and the names a pattern may match. */
export function candidateScope(c: Candidate): { team: string | null; names: string[] } {
  if (c.targetType === "subject" || c.targetType === "service") return { team: c.team, names: [c.targetKey] };
  const name = c.targetKey.slice(c.targetKey.indexOf("/") + 1);
  const topics = Array.isArray(c.evidence.topics) ? c.evidence.topics.filter((t): t is string => typeof t === "string") : [];
  return { team: c.team, names: [name, ...topics] };
}

/**
 * One check's result: its candidates and what it looked at (the pass's coverage). With `covered`, only
 * findings on those targets can be resolved by this pass (a sample that skipped a topic says nothing of it).
 */
export type CheckResult = {
  checks: string[];
  candidates: Candidate[];
  coverage: Record<string, number>;
  covered?: string[];
  /** what could not be looked at, and why ("topic orders: …"), shown with the pass */
  problems?: string[];
};

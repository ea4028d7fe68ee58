// The registry of alert rule kinds: validation, the rule form's list, descriptions and evaluation
// all come from here. A new kind is a new file and a line below.
import { clusterUnreachable } from "./cluster-unreachable";
import { dlqDepth } from "./dlq-depth";
import { dlqInflow } from "./dlq-inflow";
import { dlqNewException } from "./dlq-new-exception";
import { groupLagOffsets } from "./group-lag-offsets";
import { groupLagSeconds } from "./group-lag-seconds";
import { groupStatus } from "./group-status";
import { jetStreamDeadLetters } from "./jetstream-dead-letters";
import { scorecardFindings } from "./scorecard-findings";
import type { AlertKind } from "./types";

export const ALERT_KINDS: readonly AlertKind[] = [
  groupLagOffsets,
  groupLagSeconds,
  groupStatus,
  dlqDepth,
  dlqInflow,
  dlqNewException,
  jetStreamDeadLetters,
  clusterUnreachable,
  scorecardFindings,
];

export const RULE_KINDS = ALERT_KINDS.map((k) => k.kind) as [string, ...string[]];

export function alertKind(kind: string): AlertKind | undefined {
  return ALERT_KINDS.find((k) => k.kind === kind);
}

/** What the rule form shows for each kind. */
export function alertKindCatalog() {
  return ALERT_KINDS.map(({ kind, label, thresholdUnit, targetLabel }) => ({ kind, label, thresholdUnit, targetLabel }));
}

export { ObservationContext } from "./observation-context";
export { newExceptionWindowMinutes } from "./dlq-new-exception";
export type { AlertKind, Observation, RuleScope } from "./types";
export { setFindingSource, type FindingSource, type OpenFinding } from "./scorecard-findings";

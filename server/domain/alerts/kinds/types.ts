// An alert rule kind: what the form shows, how a rule of the kind is worded, and what it observes.
// Each kind is one file in this folder; index.ts lists them.
import type { ObservationContext, RuleScope } from "./observation-context";

export type { RuleScope };

export type Observation = { subject: string; labels: Record<string, string>; value: number; active: boolean; summary: string };

export interface AlertKind {
  kind: string;
  /** the form's list */
  label: string;
  /** what the threshold means, next to the number; null when the kind has none */
  thresholdUnit: string | null;
  /** what the target glob matches */
  targetLabel: string;
  /** what the rule watches, plural, for "(groups all)" in descriptions */
  watches: string;
  /** the condition in words */
  condition(threshold: number): string;
  observe(rule: RuleScope, ctx: ObservationContext): Promise<Observation[]>;
}

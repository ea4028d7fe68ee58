import { observeGroups } from "./group-observations";
import type { AlertKind } from "./types";

export const groupLagSeconds: AlertKind = {
  kind: "group_lag_seconds",
  label: "Consumer group lag (seconds)",
  thresholdUnit: "seconds behind",
  targetLabel: "Group id pattern",
  watches: "groups",
  condition: (t) => `lag above ${t} s`,
  observe: (rule, ctx) =>
    observeGroups(rule, ctx, (lag, groupId) => {
      const v = lag.maxTimeLagSeconds ?? 0;
      return { value: v, active: v > rule.threshold, summary: `${groupId} is ${Math.round(v)} s behind` };
    }),
};

import { observeGroups } from "./group-observations";
import type { AlertKind } from "./types";

export const groupLagOffsets: AlertKind = {
  kind: "group_lag_offsets",
  label: "Consumer group lag (messages)",
  thresholdUnit: "messages behind",
  targetLabel: "Group id pattern",
  watches: "groups",
  condition: (t) => `lag above ${t.toLocaleString("en")} messages`,
  observe: (rule, ctx) =>
    observeGroups(rule, ctx, (lag, groupId) => ({
      value: lag.totalLag,
      active: lag.totalLag > rule.threshold,
      summary: `${groupId} is ${lag.totalLag.toLocaleString("en")} messages behind`,
    })),
};

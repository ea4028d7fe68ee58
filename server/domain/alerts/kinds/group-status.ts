import { observeGroups } from "./group-observations";
import type { AlertKind } from "./types";

const RANK = { OK: 0, WARN: 1, ERR: 2 } as const;

export const groupStatus: AlertKind = {
  kind: "group_status",
  label: "Consumer group lag status",
  thresholdUnit: "1 = WARN or worse, 2 = ERR",
  targetLabel: "Group id pattern",
  watches: "groups",
  condition: (t) => `lag status ${t >= 2 ? "ERR" : "WARN or ERR"}`,
  // The value is the status's rank, not a label: WARN → ERR must stay one alert (the same fingerprint).
  observe: (rule, ctx) =>
    observeGroups(rule, ctx, (lag, groupId) => {
      const rank = RANK[lag.status];
      const worst = lag.partitions.find((p) => p.status !== "OK");
      return {
        value: rank,
        active: rank >= Math.max(1, rule.threshold),
        summary: `${groupId} lag status ${lag.status}${worst ? ` (${worst.topic}/${worst.partition} ${worst.status})` : ""}`,
      };
    }),
};

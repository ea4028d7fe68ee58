import { globMatcher } from "@/server/lib/safe-regex";
import type { AlertKind } from "./types";

export const clusterUnreachable: AlertKind = {
  kind: "cluster_unreachable",
  label: "Cluster unreachable",
  thresholdUnit: null,
  targetLabel: "Cluster name pattern",
  watches: "clusters",
  condition: () => "cluster unreachable",
  async observe(rule, ctx) {
    const matches = globMatcher(rule.target);
    return (await ctx.clusters())
      .filter((c) => (!rule.clusterId || c.id === rule.clusterId) && (!rule.brokerKind || c.kind === rule.brokerKind) && matches(c.name))
      .map((c) => ({
        subject: c.name,
        labels: { cluster: c.name },
        value: c.status === "UNREACHABLE" ? 1 : 0,
        active: c.status === "UNREACHABLE",
        summary:
          c.status === "UNREACHABLE" ? `cluster ${c.name} unreachable: ${c.lastError ?? "no answer"}` : `cluster ${c.name} reachable`,
      }));
  },
};

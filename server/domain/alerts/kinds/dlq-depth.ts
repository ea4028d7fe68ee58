import type { AlertKind } from "./types";

export const dlqDepth: AlertKind = {
  kind: "dlq_depth",
  label: "Dead-letter queue depth",
  thresholdUnit: "records",
  targetLabel: "DLQ topic pattern",
  watches: "DLQs",
  condition: (t) => `DLQ holds more than ${t.toLocaleString("en")} records`,
  observe: async (rule, ctx) =>
    (await ctx.deadLetterQueues(rule)).map((t) => {
      const value = Number(t.messageCount);
      return {
        subject: `${t.cluster}/${t.name}`,
        labels: { cluster: t.cluster, topic: t.name },
        value,
        active: value > rule.threshold,
        summary: `${t.name} holds ${value.toLocaleString("en")} dead letters`,
      };
    }),
};

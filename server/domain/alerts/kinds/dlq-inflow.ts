import type { AlertKind } from "./types";

export const dlqInflow: AlertKind = {
  kind: "dlq_inflow",
  label: "Dead-letter queue inflow",
  thresholdUnit: "records per minute",
  targetLabel: "DLQ topic pattern",
  watches: "DLQs",
  condition: (t) => `DLQ inflow above ${t}/min`,
  observe: async (rule, ctx) =>
    (await ctx.deadLetterQueues(rule)).map((t) => {
      const value = (t.messagesPerSec ?? 0) * 60;
      return {
        subject: `${t.cluster}/${t.name}`,
        labels: { cluster: t.cluster, topic: t.name },
        value,
        active: value > rule.threshold,
        summary: `${value.toFixed(1)} dead letters/min into ${t.name}`,
      };
    }),
};

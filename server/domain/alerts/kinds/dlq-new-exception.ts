import { newExceptionClasses } from "@/server/domain/dead-letters";
import type { AlertKind } from "./types";

/** The threshold is how long a new class stays alerting, in minutes (0: an hour). */
export function newExceptionWindowMinutes(threshold: number): number {
  return threshold > 0 ? threshold : 60;
}

export const dlqNewException: AlertKind = {
  kind: "dlq_new_exception",
  label: "New exception class in a DLQ",
  thresholdUnit: "minutes it stays firing (0 = 60)",
  targetLabel: "DLQ topic pattern",
  watches: "DLQs",
  condition: (t) => `a new exception class in a DLQ (alerts for ${newExceptionWindowMinutes(t)} min)`,
  async observe(rule, ctx) {
    const since = new Date(ctx.now.getTime() - newExceptionWindowMinutes(rule.threshold) * 60_000);
    const classes = await newExceptionClasses(since);
    if (!classes.length) return [];
    const queues = new Map((await ctx.deadLetterQueues(rule, [...new Set(classes.map((c) => c.topicId))])).map((t) => [t.id, t]));
    // One alert per (queue, class); it resolves once the class is older than the rule's window.
    return classes.flatMap((c) => {
      const t = queues.get(c.topicId);
      if (!t) return [];
      return [
        {
          subject: `${t.cluster}/${t.name}`,
          labels: { cluster: t.cluster, topic: t.name, exception: c.exceptionClass },
          value: 1,
          active: true,
          summary: `new exception class ${c.exceptionClass} in ${t.name} (first at ${c.partition}/${c.offset})${c.example ? `: ${c.example.slice(0, 200)}` : ""}`,
        },
      ];
    });
  },
};

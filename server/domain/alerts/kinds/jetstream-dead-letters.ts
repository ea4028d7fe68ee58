import { jetStreamDeadLetterCounts } from "@/server/domain/dead-letters";
import { globMatcher } from "@/server/lib/safe-regex";
import type { AlertKind } from "./types";

/** How far back the count looks. */
const WINDOW_MINUTES = 15;

export const jetStreamDeadLetters: AlertKind = {
  kind: "jetstream_dead_letters",
  label: "JetStream dead letters (max deliveries, terminated)",
  thresholdUnit: `messages in ${WINDOW_MINUTES} min`,
  targetLabel: "Stream/consumer pattern",
  watches: "JetStream consumers",
  condition: (t) => `more than ${t} JetStream dead letters in ${WINDOW_MINUTES} min`,
  async observe(rule, ctx) {
    const counts = await jetStreamDeadLetterCounts(new Date(ctx.now.getTime() - WINDOW_MINUTES * 60_000));
    const matches = globMatcher(rule.target);
    const out = [];
    for (const c of counts) {
      const name = `${c.stream}/${c.consumer}`;
      if (!matches(name) || !(await ctx.inScope(rule, c.clusterId))) continue;
      const cluster = await ctx.clusterName(c.clusterId);
      out.push({
        subject: `${cluster}/${name}`,
        labels: { cluster, stream: c.stream, consumer: c.consumer },
        value: c.count,
        active: c.count > rule.threshold,
        summary: `${c.count} message${c.count === 1 ? "" : "s"} of ${c.stream} given up by ${c.consumer} in ${WINDOW_MINUTES} min`,
      });
    }
    return out;
  },
};

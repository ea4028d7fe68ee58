// The scorecard: every SCORECARD_INTERVAL_MS a pass of the pitfall checks over the live system. With
// several workers one writes a pass and the others skip it (an advisory lock and the last pass's time).
import { env } from "@/env";
import { runScorecardPass } from "@/server/domain/scorecard";
import type { Collector } from "../runtime/collector";

export function scorecard(): Collector {
  return {
    name: "scorecard",
    intervalMs: env.SCORECARD_INTERVAL_MS,
    tick: async () => {
      const r = await runScorecardPass({ minIntervalMs: env.SCORECARD_INTERVAL_MS / 2 });
      for (const f of r.failed) console.warn(`[scorecard] a check failed: ${f}`);
    },
  };
}

// Alert rules evaluated on their own interval; what they owe is written to the outbox in the same
// transaction (collectors/webhook-delivery sends it).
import { env } from "@/env";
import { evaluateRules, publicUrl } from "@/server/domain/alerts";
import type { Collector } from "../runtime/collector";

export function alertEvaluator(): Collector {
  const externalUrl = publicUrl();
  return {
    name: "alerts",
    intervalMs: env.ALERT_EVALUATION_INTERVAL_MS,
    tick: async () => void (await evaluateRules({ externalUrl })),
  };
}

// The outbox drained every second. A failed delivery stays in the outbox and is retried with backoff:
// a notification leaves only when the endpoint acknowledged it.
import { env } from "@/env";
import { allowedTargets, deliverDue } from "@/server/domain/alerts";
import type { Collector } from "../runtime/collector";

export function webhookDelivery(): Collector {
  const allowed = allowedTargets();
  return {
    name: "webhooks",
    intervalMs: 1_000,
    tick: async () => void (await deliverDue({ allowed, timeoutMs: env.WEBHOOK_TIMEOUT_MS, leaseMs: 2 * env.WEBHOOK_TIMEOUT_MS + 5_000 })),
  };
}

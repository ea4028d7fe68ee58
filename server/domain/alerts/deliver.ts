// The outbox's sender. Due notifications are claimed with FOR UPDATE SKIP LOCKED and a lease
// (lockedUntil), so several workers share the work and a worker killed mid-delivery only delays a
// notification until its lease expires: then it is sent again with the same idempotency key (its id).
// Delivery is at least once; receivers dedupe on Idempotency-Key.
import { createHmac } from "node:crypto";
import { db } from "@/server/db";
import { retryDelayMs } from "@/server/lib/backoff";
import { decryptSecret } from "@/server/lib/secrets";
import { postWebhook } from "./post-webhook";
import { TargetRefused, type AddressClass } from "./target-guard";
import { opened } from "./webhook-secrets";

export type DeliveryOptions = {
  allowed: ReadonlySet<AddressClass>;
  timeoutMs?: number;
  leaseMs?: number;
  /** Retry delays (server/lib/backoff): base doubling per attempt, capped, shortened by up to half at random. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  batch?: number;
};

type Claimed = { id: string; endpointId: string; body: string; attempts: number };

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`: the timestamp lets receivers refuse replays. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

async function claim(limit: number, leaseMs: number): Promise<Claimed[]> {
  return db.$queryRaw<Claimed[]>`
    UPDATE "Notification" SET "lockedUntil" = now() + ${leaseMs} * interval '1 millisecond'
    WHERE id IN (
      SELECT id FROM "Notification"
      WHERE status = 'pending' AND "nextAttemptAt" <= now() AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
      ORDER BY "nextAttemptAt", "createdAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, "endpointId", body, attempts`;
}

async function deliverOne(n: Claimed, opts: Required<DeliveryOptions>): Promise<"delivered" | "retry" | "failed"> {
  const endpoint = await db.webhookEndpoint.findUnique({ where: { id: n.endpointId } });
  const attempt = n.attempts + 1;
  const started = Date.now();
  let httpStatus: number | null = null;
  let error: string | null = null;
  let response: string | null = null;
  let outcome: "delivered" | "retry" | "failed";
  if (!endpoint) {
    outcome = "failed";
    error = "the webhook was deleted";
  } else {
    try {
      const target = opened(endpoint);
      const timestamp = Math.floor(Date.now() / 1000);
      const headers: Record<string, string> = {
        ...target.headers,
        "content-type": "application/json",
        "user-agent": "Eventplane-Webhook/1",
        "idempotency-key": n.id,
        "x-eventplane-timestamp": String(timestamp),
        "x-eventplane-attempt": String(attempt),
      };
      if (endpoint.secretEnc) headers["x-eventplane-signature"] = signature(decryptSecret(endpoint.secretEnc), timestamp, n.body);
      const answer = await postWebhook(target.url, headers, n.body, { timeoutMs: opts.timeoutMs, allowed: opts.allowed, keepChars: 300 });
      httpStatus = answer.status;
      // Only a refusal's first words are kept (what a receiver says is wrong); a 2xx body is nobody's business.
      response = answer.status >= 200 && answer.status < 300 ? null : answer.text || null;
      // Alertmanager's rule: network errors, 5xx (and 429, too many requests) are retried; other 4xx are not.
      outcome =
        answer.status >= 200 && answer.status < 300 ? "delivered" : answer.status === 429 || answer.status >= 500 ? "retry" : "failed";
    } catch (e) {
      error =
        e instanceof TargetRefused ? `refused: ${e.message}` : (((e as Error).cause as Error | undefined)?.message ?? (e as Error).message);
      outcome = e instanceof TargetRefused ? "failed" : "retry";
    }
  }
  const durationMs = Date.now() - started;
  await db.$transaction([
    db.deliveryAttempt.create({ data: { notificationId: n.id, httpStatus, error, durationMs, response } }),
    db.notification.update({
      where: { id: n.id },
      data: {
        attempts: attempt,
        lastStatus: httpStatus,
        lastError: error ?? (outcome === "delivered" ? null : response?.slice(0, 500) || null),
        lockedUntil: null,
        status: outcome === "retry" ? "pending" : outcome,
        ...(outcome === "delivered" ? { deliveredAt: new Date() } : {}),
        ...(outcome === "retry"
          ? {
              nextAttemptAt: new Date(
                Date.now() + retryDelayMs(attempt, { firstMs: opts.baseBackoffMs, maxMs: opts.maxBackoffMs, jitter: 0.5 }),
              ),
            }
          : {}),
      },
    }),
  ]);
  return outcome;
}

export async function deliverDue(options: DeliveryOptions): Promise<{ delivered: number; retried: number; failed: number }> {
  const opts: Required<DeliveryOptions> = {
    timeoutMs: 10_000,
    leaseMs: 60_000,
    baseBackoffMs: 1_000,
    maxBackoffMs: 300_000,
    batch: 20,
    ...options,
  };
  const counts = { delivered: 0, retried: 0, failed: 0 };
  const claimed = await claim(opts.batch, opts.leaseMs);
  await Promise.all(
    claimed.map(async (n) => {
      const r = await deliverOne(n, opts);
      counts[r === "delivered" ? "delivered" : r === "retry" ? "retried" : "failed"]++;
    }),
  );
  return counts;
}

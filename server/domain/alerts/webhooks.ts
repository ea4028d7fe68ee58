// Webhook endpoints: where notifications go. The secret (for the HMAC signature) is encrypted at rest
// and never returned; the target is checked against WEBHOOK_ALLOW_TARGETS when saved.
import { z } from "zod";
import { env } from "@/env";
import { audited } from "@/server/domain/audit";
import { authorize, type Actor } from "@/server/domain/identity";
import { db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { encryptSecret } from "@/server/lib/secrets";
import { renderBody } from "./payloads";
import { displayUrl, opened, sealed } from "./webhook-secrets";
import { checkTarget, parseAllowed, TargetRefused } from "./target-guard";

const HEADER_NAME = /^[A-Za-z0-9-]{1,100}$/;
// Headers the delivery sets itself, or that would break HTTP, cannot be overridden.
const RESERVED = new Set([
  "host",
  "content-length",
  "content-type",
  "idempotency-key",
  "x-eventplane-signature",
  "x-eventplane-timestamp",
  "transfer-encoding",
  "connection",
]);

export const EndpointInput = z.object({
  name: z.string().trim().min(1, "a webhook needs a name").max(200),
  /** on an edit, "" or undefined keeps the stored URL (it is never sent back to be retyped) */
  url: z.string().trim().url("not a URL").optional().or(z.literal("")),
  /** undefined: keep the stored one; "": remove it */
  secret: z.string().max(500).optional(),
  format: z.enum(["alertmanager", "slack", "generic"]).default("alertmanager"),
  /** on an edit, a header whose value is "" keeps its stored value */
  headers: z
    .record(z.string(), z.string().max(2000))
    .default({})
    .refine(
      (h) => Object.keys(h).every((k) => HEADER_NAME.test(k) && !RESERVED.has(k.toLowerCase())),
      "header names are letters, digits and dashes, and cannot be one Eventplane sets",
    ),
  enabled: z.boolean().default(true),
});
export type EndpointInput = z.input<typeof EndpointInput>;

export const allowedTargets = () => parseAllowed(env.WEBHOOK_ALLOW_TARGETS);

/** The endpoint as it will be stored: `stored` supplies what an edit leaves blank. */
async function validate(input: EndpointInput, stored?: Parameters<typeof opened>[0]) {
  const r = EndpointInput.safeParse(input);
  if (!r.success)
    throw new DomainError("INVALID_INPUT", r.error.issues.map((i) => `${i.path.join(".") || "webhook"}: ${i.message}`).join("; "));
  const before = stored ? opened(stored) : { url: "", headers: {} as Record<string, string> };
  const url = r.data.url || before.url;
  if (!url) throw new DomainError("INVALID_INPUT", "url: a webhook needs a URL");
  const headers = Object.fromEntries(Object.entries(r.data.headers).map(([k, v]) => [k, v === "" ? (before.headers[k] ?? "") : v]));
  try {
    await checkTarget(url, allowedTargets());
  } catch (error) {
    if (error instanceof TargetRefused) throw new DomainError("INVALID_INPUT", `url: ${error.message}`);
    throw error;
  }
  const { url: _url, headers: _headers, ...rest } = r.data;
  return { ...rest, ...sealed(url, headers) };
}

const view = (e: {
  id: string;
  name: string;
  url: string;
  urlEnc: string | null;
  secretEnc: string | null;
  format: string;
  headerNames: string[];
  enabled: boolean;
  createdAt: Date;
}) => ({
  id: e.id,
  name: e.name,
  /** scheme://host only: the full URL is a secret and never leaves the server */
  url: e.urlEnc ? e.url : displayUrl(e.url),
  signed: !!e.secretEnc,
  format: e.format,
  headerNames: e.headerNames,
  enabled: e.enabled,
  createdAt: e.createdAt,
});

// Webhook endpoints are the installation's (they hold secrets and reach the network): admins only.
const ADMIN = { what: "webhook endpoints" };
const endpointAudit = (action: string, e: { id: string; name: string }, before?: unknown, after?: unknown) => ({
  action,
  targetType: "webhook",
  targetId: e.id,
  before,
  after,
});

export async function createEndpoint(actor: Actor, input: EndpointInput) {
  authorize(actor, "admin", ADMIN);
  const { secret, ...data } = await validate(input);
  if (await db.webhookEndpoint.findUnique({ where: { name: data.name } }))
    throw new DomainError("CONFLICT", `A webhook named "${data.name}" exists`);
  const row = await audited(
    actor,
    (tx) => tx.webhookEndpoint.create({ data: { ...data, secretEnc: secret ? encryptSecret(secret) : null } }),
    (e) => endpointAudit("webhook.create", e, undefined, view(e)),
  );
  return view(row);
}

export async function updateEndpoint(actor: Actor, id: string, input: EndpointInput) {
  authorize(actor, "admin", ADMIN);
  const before = await db.webhookEndpoint.findUnique({ where: { id } });
  if (!before) throw new DomainError("NOT_FOUND", "webhook not found");
  const { secret, ...data } = await validate(input, before);
  const clash = await db.webhookEndpoint.findUnique({ where: { name: data.name } });
  if (clash && clash.id !== id) throw new DomainError("CONFLICT", `A webhook named "${data.name}" exists`);
  const secretEnc = secret === undefined ? undefined : secret ? encryptSecret(secret) : null;
  const row = await audited(
    actor,
    (tx) => tx.webhookEndpoint.update({ where: { id }, data: { ...data, ...(secretEnc !== undefined ? { secretEnc } : {}) } }),
    (e) => endpointAudit("webhook.update", e, view(before), { ...view(e), secretChanged: secret !== undefined }),
  );
  return view(row);
}

export async function deleteEndpoint(actor: Actor, id: string) {
  authorize(actor, "admin", ADMIN);
  const before = await db.webhookEndpoint.findUnique({ where: { id } });
  if (!before) throw new DomainError("NOT_FOUND", "webhook not found");
  await audited(
    actor,
    (tx) => tx.webhookEndpoint.delete({ where: { id } }),
    () => endpointAudit("webhook.delete", before, view(before)),
  );
}

export async function listEndpoints() {
  const rows = await db.webhookEndpoint.findMany({ orderBy: { name: "asc" } });
  const stats = await db.notification.groupBy({ by: ["endpointId", "status"], _count: true });
  return rows.map((e) => ({
    ...view(e),
    delivered: stats.find((s) => s.endpointId === e.id && s.status === "delivered")?._count ?? 0,
    pending: stats.find((s) => s.endpointId === e.id && s.status === "pending")?._count ?? 0,
    failed: stats.find((s) => s.endpointId === e.id && s.status === "failed")?._count ?? 0,
  }));
}

/** "Send test": a notification through the same outbox as real ones, so it shows in the delivery log. */
export async function sendTest(actor: Actor, id: string, externalUrl: string) {
  authorize(actor, "admin", ADMIN);
  const e = await db.webhookEndpoint.findUnique({ where: { id } });
  if (!e) throw new DomainError("NOT_FOUND", "webhook not found");
  const now = new Date();
  const labels = { alertname: "EventplaneTest", severity: "info" };
  const body = renderBody(
    e.format,
    {
      ruleName: "EventplaneTest",
      groupLabels: { alertname: "EventplaneTest" },
      reason: "test",
      alerts: [
        {
          status: "firing",
          labels,
          annotations: { summary: "A test notification from Eventplane" },
          startsAt: now,
          endsAt: null,
          fingerprint: "0000000000000000",
          ruleId: "test",
        },
      ],
    },
    e.name,
    externalUrl,
  );
  return db.notification.create({ data: { endpointId: e.id, kind: "test", body }, select: { id: true } });
}

/** The delivery log: newest first, with every attempt. */
export async function listNotifications(input: { endpointId?: string; take?: number }) {
  const rows = await db.notification.findMany({
    where: input.endpointId ? { endpointId: input.endpointId } : {},
    orderBy: { createdAt: "desc" },
    take: Math.min(input.take ?? 50, 200),
    include: { endpoint: { select: { name: true } }, attemptsLog: { orderBy: { at: "asc" } } },
  });
  return rows.map((n) => ({
    id: n.id,
    endpoint: n.endpoint.name,
    kind: n.kind,
    status: n.status,
    attempts: n.attempts,
    nextAttemptAt: n.nextAttemptAt,
    lastStatus: n.lastStatus,
    lastError: n.lastError,
    deliveredAt: n.deliveredAt,
    createdAt: n.createdAt,
    log: n.attemptsLog.map((a) => ({ at: a.at, httpStatus: a.httpStatus, error: a.error, durationMs: a.durationMs, response: a.response })),
  }));
}

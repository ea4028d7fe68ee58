// The demo's alerting setup, created once (kept if it exists): a signed webhook to the demo receiver
// and rules that fire on their own within minutes — a consumer stops (reporting, after a minute: ERR), analytics
// falls behind, billing sends declined payments to orders.DLQ, the e-mail sender dead-letters into
// RabbitMQ, and the warehouse picker exhausts JetStream's max deliveries.
import { db } from "@/server/db";
import { createEndpoint, createRule, updateEndpoint, type RuleInput } from "@/server/domain/alerts";
import { randomBytes } from "node:crypto";
import { ensureToken, systemActor } from "@/server/domain/identity";
import { DEMO_WEBHOOK_SECRET } from "./webhook-receiver";

const RULES: RuleInput[] = [
  // Every consumer's status is watched (the scorecard names groups nobody watches); reporting stops.
  // Kafka groups all; of the other brokers the working queues, not the dead-letter ones (their own rules watch those).
  { name: "ConsumerStopped", kind: "group_status", threshold: 2, brokerKind: "kafka", target: "*", forSeconds: 30, severity: "critical" },
  {
    name: "EmailSenderStalled",
    kind: "group_status",
    threshold: 2,
    brokerKind: "rabbitmq",
    target: "emails",
    forSeconds: 60,
    severity: "warning",
  },
  {
    name: "PickersStalled",
    kind: "group_status",
    threshold: 2,
    brokerKind: "nats",
    target: "WAREHOUSE/*",
    forSeconds: 60,
    severity: "warning",
  },
  {
    name: "AnalyticsFallingBehind",
    kind: "group_lag_offsets",
    threshold: 100,
    target: "analytics",
    forSeconds: 60,
    severity: "warning",
    labels: { team: "data" },
  },
  {
    name: "OrdersDeadLetters",
    kind: "dlq_depth",
    threshold: 0,
    target: "*.DLQ",
    forSeconds: 0,
    severity: "warning",
    labels: { team: "payments" },
  },
  {
    // Billing fails in two ways; each exception class is its own notification the first time it shows.
    name: "NewDeadLetterClass",
    kind: "dlq_new_exception",
    threshold: 60,
    target: "*.DLQ",
    forSeconds: 0,
    severity: "warning",
    labels: { team: "payments" },
    groupBy: ["exception"],
  },
  {
    // The e-mail sender rejects some messages: RabbitMQ dead-letters them into emails.dead.
    name: "EmailsDeadLettered",
    kind: "dlq_depth",
    threshold: 0,
    brokerKind: "rabbitmq",
    target: "*",
    forSeconds: 0,
    severity: "warning",
    labels: { team: "shop" },
  },
  {
    // Some picks fail on every delivery: JetStream gives up after max deliveries.
    name: "PicksGivenUp",
    kind: "jetstream_dead_letters",
    threshold: 0,
    brokerKind: "nats",
    target: "*",
    forSeconds: 0,
    severity: "warning",
    labels: { team: "warehouse" },
  },
];

const demo = systemActor("demo");

export async function seedAlerts(receiverUrl: string): Promise<void> {
  const endpoint = { name: "demo-receiver", url: receiverUrl, secret: DEMO_WEBHOOK_SECRET, format: "alertmanager" as const };
  const existing = await db.webhookEndpoint.findUnique({ where: { name: endpoint.name } });
  // The receiver's port may differ from the last run's.
  if (existing) await updateEndpoint(demo, existing.id, endpoint);
  else await createEndpoint(demo, endpoint);
  for (const rule of RULES) {
    if (!(await db.alertRule.findUnique({ where: { name: rule.name } }))) await createRule(demo, rule);
  }
}

/** A fresh secret each start for the token the demo's services use (registry and OTLP, team shop). */
export async function demoServicesToken(): Promise<string> {
  const secret = `ept_${randomBytes(32).toString("base64url")}`;
  await ensureToken(demo, { name: "demo-services", role: "editor", team: "shop", scopes: ["registry:write", "otlp:write"], secret });
  return secret;
}

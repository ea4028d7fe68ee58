// GET /metrics: Prometheus text exposition, built fresh on each scrape from what the worker stored.
// The web tier holds no counters of its own, so any replica answers the same.
import { Gauge, Registry } from "prom-client";
import { guarded } from "./guard";
import { brokerBacklogMetrics, lagMetrics } from "@/server/domain/consumers";
import { alertMetrics } from "@/server/domain/alerts";
import { listDeadLetterQueues } from "@/server/domain/dead-letters";
import { clusterMetrics } from "@/server/domain/connections";

const STATUS_VALUE = { OK: 0, WARN: 1, ERR: 2 } as const;

// Prometheus sends the token with `authorization: { credentials: … }` (Bearer) in its scrape config.
export const handleMetrics = guarded("metrics:read", exposeMetrics);

async function exposeMetrics(): Promise<Response> {
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[]) => new Gauge({ name, help, labelNames, registers: [registry] });
  const lag = gauge("eventplane_consumergroup_lag", "Log-end offset minus committed offset", ["cluster", "group", "topic", "partition"]);
  const lagSeconds = gauge("eventplane_consumergroup_lag_seconds", "Estimated time lag (interpolated log-end samples)", [
    "cluster",
    "group",
    "topic",
    "partition",
  ]);
  const status = gauge("eventplane_consumergroup_status", "Burrow-style group status: 0 OK, 1 WARN, 2 ERR", ["cluster", "group"]);
  const up = gauge("eventplane_cluster_up", "1 when the last catalog sync reached the cluster", ["cluster"]);
  const syncSeconds = gauge("eventplane_catalog_sync_duration_seconds", "Duration of the last catalog sync", ["cluster"]);
  const syncTime = gauge("eventplane_catalog_last_sync_timestamp_seconds", "When the last catalog sync finished", ["cluster"]);

  for (const c of await clusterMetrics()) {
    up.set({ cluster: c.cluster }, c.up ? 1 : 0);
    if (c.lastSyncMs !== null) syncSeconds.set({ cluster: c.cluster }, c.lastSyncMs / 1000);
    if (c.lastSyncAt) syncTime.set({ cluster: c.cluster }, c.lastSyncAt.getTime() / 1000);
  }
  for await (const g of lagMetrics()) {
    status.set({ cluster: g.cluster, group: g.group }, STATUS_VALUE[g.status]);
    for (const p of g.partitions) {
      const labels = { cluster: g.cluster, group: g.group, topic: p.topic, partition: String(p.partition) };
      if (p.lag !== null) lag.set(labels, p.lag);
      if (p.timeLagSeconds !== null) lagSeconds.set(labels, p.timeLagSeconds);
    }
  }
  const ready = gauge("eventplane_queue_messages_ready", "RabbitMQ: messages waiting in a queue", ["connection", "vhost", "queue"]);
  const unacked = gauge("eventplane_queue_messages_unacked", "RabbitMQ: messages delivered and not yet acknowledged", [
    "connection",
    "vhost",
    "queue",
  ]);
  const pending = gauge("eventplane_jetstream_consumer_pending", "JetStream: messages not yet delivered to a consumer", [
    "connection",
    "stream",
    "consumer",
  ]);
  const ackPending = gauge("eventplane_jetstream_consumer_ack_pending", "JetStream: messages delivered and not yet acknowledged", [
    "connection",
    "stream",
    "consumer",
  ]);
  for (const b of await brokerBacklogMetrics()) {
    if (b.kind === "queue") {
      const labels = { connection: b.connection, vhost: b.scope, queue: b.name };
      ready.set(labels, b.waiting);
      unacked.set(labels, b.inFlight);
    } else {
      const labels = { connection: b.connection, stream: b.scope, consumer: b.name };
      pending.set(labels, b.waiting);
      ackPending.set(labels, b.inFlight);
    }
  }
  const dlqDepth = gauge("eventplane_dlq_depth", "Records held by a dead-letter queue", ["cluster", "topic"]);
  const dlqInflow = gauge("eventplane_dlq_inflow_per_second", "Records per second arriving in a dead-letter queue", ["cluster", "topic"]);
  for (const q of await listDeadLetterQueues()) {
    dlqDepth.set({ cluster: q.cluster, topic: q.name }, q.depth);
    if (q.inflowPerMin !== null) dlqInflow.set({ cluster: q.cluster, topic: q.name }, q.inflowPerMin / 60);
  }
  const alerts = gauge("eventplane_alerts", "Alerts pending or firing, by rule", ["rule", "state"]);
  const notifications = gauge(
    "eventplane_webhook_notifications",
    "Notifications in the outbox, by webhook and status (pending, delivered, failed)",
    ["endpoint", "status"],
  );
  // A count of stored rows, so it only grows (like a counter) until notifications are cleaned up.
  const attempts = gauge("eventplane_webhook_delivery_attempts", "Webhook delivery attempts, by webhook and outcome", [
    "endpoint",
    "outcome",
  ]);
  const a = await alertMetrics();
  for (const x of a.alerts) alerts.set({ rule: x.rule, state: x.state }, x.count);
  for (const x of a.notifications) notifications.set({ endpoint: x.endpoint, status: x.status }, x.count);
  for (const x of a.attempts) attempts.set({ endpoint: x.endpoint, outcome: x.outcome }, x.count);
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}

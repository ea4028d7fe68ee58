// The Alerts page's data: what is firing or pending now, what changed recently, silences.
import { db } from "@/server/db";
import { clusterNames } from "@/server/domain/connections";
import { listGroupRefs } from "@/server/domain/consumers";
import { listTopicRefs } from "@/server/domain/topics";
import { describeRule } from "./rules";

export async function listAlerts() {
  const [active, recent, silences] = await Promise.all([
    activeAlerts(),
    db.alertEvent.findMany({
      orderBy: { at: "desc" },
      take: 100,
      include: { alert: { select: { subject: true, labels: true, rule: { select: { id: true, name: true, severity: true } } } } },
    }),
    db.silence.findMany({ where: { endsAt: { gt: new Date() } }, orderBy: { endsAt: "asc" } }),
  ]);
  return {
    active,
    history: recent.map((e) => ({
      id: e.id.toString(),
      at: e.at,
      state: e.state,
      value: e.value,
      silenced: e.silenced,
      subject: e.alert.subject,
      rule: e.alert.rule,
    })),
    silences: silences.map((s) => ({ ...s, matchers: s.matchers as Record<string, string> })),
  };
}

/** Alerts pending or firing now, with their rule and a link to the data that made them. */
export async function activeAlerts() {
  const active = await db.alert.findMany({
    where: { state: { not: "inactive" } },
    orderBy: [{ state: "asc" }, { firingSince: "desc" }],
    include: { rule: true },
  });
  const links = await alertLinks(active.map((a) => ({ id: a.id, labels: a.labels as Record<string, string> })));
  return active.map((a) => ({
    id: a.id,
    state: a.state,
    subject: a.subject,
    href: links.get(a.id) ?? null,
    labels: a.labels as Record<string, string>,
    value: a.value,
    activeSince: a.activeSince,
    firingSince: a.firingSince,
    lastNotifiedAt: a.lastNotifiedAt,
    rule: { id: a.rule.id, name: a.rule.name, severity: a.rule.severity, condition: describeRule(a.rule), kind: a.rule.kind },
  }));
}

/** For /metrics: alerts by rule and state, and the outbox by webhook and status. */
export async function alertMetrics() {
  const [alerts, notifications, attempts] = await Promise.all([
    db.alert.groupBy({ by: ["ruleId", "state"], where: { state: { not: "inactive" } }, _count: true }),
    db.notification.groupBy({ by: ["endpointId", "status"], _count: true }),
    db.$queryRaw<{ endpoint: string; outcome: string; n: bigint }[]>`
      SELECT e.name AS endpoint,
        CASE WHEN a."httpStatus" BETWEEN 200 AND 299 THEN 'success' WHEN a."httpStatus" IS NULL THEN 'network_error' ELSE 'http_' || a."httpStatus" END AS outcome,
        count(*) AS n
      FROM "DeliveryAttempt" a JOIN "Notification" n ON n.id = a."notificationId" JOIN "WebhookEndpoint" e ON e.id = n."endpointId"
      GROUP BY 1, 2`,
  ]);
  const rules = new Map((await db.alertRule.findMany({ select: { id: true, name: true } })).map((r) => [r.id, r.name]));
  const endpoints = new Map((await db.webhookEndpoint.findMany({ select: { id: true, name: true } })).map((e) => [e.id, e.name]));
  return {
    alerts: alerts.map((a) => ({ rule: rules.get(a.ruleId) ?? a.ruleId, state: a.state, count: a._count })),
    notifications: notifications.map((n) => ({ endpoint: endpoints.get(n.endpointId) ?? n.endpointId, status: n.status, count: n._count })),
    attempts: attempts.map((a) => ({ endpoint: a.endpoint, outcome: a.outcome, count: Number(a.n) })),
  };
}

/** Label sets of the alerts firing now (for marking the topics and groups they name elsewhere). */
export async function firingAlertLabels(): Promise<Record<string, string>[]> {
  const rows = await db.alert.findMany({ where: { state: "firing" }, select: { labels: true } });
  return rows.map((r) => r.labels as Record<string, string>);
}

/**
 * Where an alert's data is: the consumer group's page (lag chart, partitions) or the dead-letter
 * queue's records, found from the labels the rule set ({cluster, group} or {cluster, topic}).
 */
async function alertLinks(alerts: { id: string; labels: Record<string, string> }[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const flat = alerts.map((a): Record<string, string | undefined> & { id: string } => ({ ...a.labels, id: a.id }));
  const groups = flat.filter((l) => l.cluster && l.group);
  const topics = flat.filter((l) => l.cluster && l.topic);
  const [groupRows, topicRows, clusters] = await Promise.all([
    groups.length ? listGroupRefs({ groupIds: groups.map((l) => l.group!) }) : [],
    topics.length ? listTopicRefs({ names: topics.map((l) => l.topic!) }) : [],
    clusterNames(),
  ]);
  for (const l of groups) {
    const g = groupRows.find((r) => r.groupId === l.group && clusters.get(r.clusterId) === l.cluster);
    if (g) out.set(l.id, `/consumers/${g.id}`);
  }
  for (const l of topics) {
    const t = topicRows.find((r) => r.name === l.topic && clusters.get(r.clusterId) === l.cluster);
    if (t) out.set(l.id, t.deadLetter ? `/dead-letters/${t.id}` : `/topics/${t.id}`);
  }
  return out;
}

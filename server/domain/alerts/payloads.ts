// Notification bodies: Alertmanager's webhook v4 (what most receivers already parse), a Slack-style
// message, or a plain JSON document. Built once when enqueued, so every retry sends the same bytes.
import { createHash } from "node:crypto";

export type NotifiedAlert = {
  status: "firing" | "resolved";
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: Date;
  endsAt: Date | null;
  fingerprint: string;
  ruleId: string;
};

export type Group = { ruleName: string; reason: string; alerts: NotifiedAlert[]; groupLabels: Record<string, string> };

/**
 * One cycle's alerts of a rule, split by the values of the rule's group-by labels (one notification
 * per group, as Alertmanager's group_by does); no labels: one group for the rule.
 */
export function groupAlerts<A extends NotifiedAlert>(
  ruleName: string,
  groupBy: string[],
  alerts: A[],
): { groupLabels: Record<string, string>; alerts: A[] }[] {
  const groups = new Map<string, { groupLabels: Record<string, string>; alerts: A[] }>();
  for (const a of alerts) {
    const groupLabels = { alertname: ruleName, ...Object.fromEntries(groupBy.map((k) => [k, a.labels[k] ?? ""])) };
    const key = JSON.stringify(groupBy.map((k) => a.labels[k] ?? ""));
    const g = groups.get(key) ?? { groupLabels, alerts: [] as A[] };
    g.alerts.push(a);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Alertmanager's per-alert dedupe key: a stable hash of the label set. */
export function fingerprintOf(labels: Record<string, string>): string {
  const canonical = JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((k) => [k, labels[k]]),
  );
  return createHash("sha256").update(canonical).digest("hex").slice(0, 16);
}

const ZERO_TIME = "0001-01-01T00:00:00Z";

function common(maps: Record<string, string>[]): Record<string, string> {
  if (!maps.length) return {};
  return Object.fromEntries(Object.entries(maps[0]!).filter(([k, v]) => maps.every((m) => m[k] === v)));
}

export function alertmanagerBody(group: Group, receiver: string, externalUrl: string) {
  const status = group.alerts.some((a) => a.status === "firing") ? "firing" : "resolved";
  return {
    version: "4",
    groupKey: `{}:{${Object.entries(group.groupLabels)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(",")}}`,
    truncatedAlerts: 0,
    status,
    receiver,
    groupLabels: group.groupLabels,
    commonLabels: common(group.alerts.map((a) => a.labels)),
    commonAnnotations: common(group.alerts.map((a) => a.annotations)),
    externalURL: externalUrl,
    notification_reason: group.reason,
    alerts: group.alerts.map((a) => ({
      status: a.status,
      labels: a.labels,
      annotations: a.annotations,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt ? a.endsAt.toISOString() : ZERO_TIME,
      generatorURL: `${externalUrl}/alerts?rule=${a.ruleId}`,
      fingerprint: a.fingerprint,
    })),
  };
}

export function slackBody(group: Group, externalUrl: string) {
  const firing = group.alerts.filter((a) => a.status === "firing");
  const head = firing.length
    ? `:rotating_light: *${group.ruleName}* firing (${firing.length})`
    : `:white_check_mark: *${group.ruleName}* resolved`;
  const lines = group.alerts.map((a) => `• ${a.status === "firing" ? "🔴" : "🟢"} ${a.annotations.summary ?? a.fingerprint}`);
  return { text: [head, ...lines, `<${externalUrl}/alerts|Open in Eventplane>`].join("\n") };
}

export function genericBody(group: Group) {
  return {
    rule: group.ruleName,
    reason: group.reason,
    alerts: group.alerts.map((a) => ({ ...a, startsAt: a.startsAt.toISOString(), endsAt: a.endsAt?.toISOString() ?? null })),
  };
}

export function renderBody(format: string, group: Group, receiver: string, externalUrl: string): string {
  if (format === "slack") return JSON.stringify(slackBody(group, externalUrl));
  if (format === "generic") return JSON.stringify(genericBody(group));
  return JSON.stringify(alertmanagerBody(group, receiver, externalUrl));
}

// The Alerts page's data: what is firing or pending now, what changed recently, silences.
import { db } from "@/server/db";
import { describeRule } from "./rules";

export async function listAlerts() {
  const [active, recent, silences] = await Promise.all([
    db.alert.findMany({
      where: { state: { not: "inactive" } },
      orderBy: [{ state: "asc" }, { firingSince: "desc" }],
      include: { rule: true },
    }),
    db.alertEvent.findMany({
      orderBy: { at: "desc" },
      take: 100,
      include: { alert: { select: { subject: true, labels: true, rule: { select: { id: true, name: true, severity: true } } } } },
    }),
    db.silence.findMany({ where: { endsAt: { gt: new Date() } }, orderBy: { endsAt: "asc" } }),
  ]);
  return {
    active: active.map((a) => ({
      id: a.id,
      state: a.state,
      subject: a.subject,
      labels: a.labels as Record<string, string>,
      value: a.value,
      activeSince: a.activeSince,
      firingSince: a.firingSince,
      lastNotifiedAt: a.lastNotifiedAt,
      rule: { id: a.rule.id, name: a.rule.name, severity: a.rule.severity, condition: describeRule(a.rule), kind: a.rule.kind },
    })),
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

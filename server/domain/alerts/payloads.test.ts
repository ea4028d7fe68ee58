import { describe, expect, it } from "vitest";
import { alertmanagerBody, groupAlerts, type NotifiedAlert } from "./payloads";

const alert = (labels: Record<string, string>): NotifiedAlert => ({
  status: "firing",
  labels: { alertname: "Lagging", ...labels },
  annotations: {},
  startsAt: new Date("2026-11-24T10:00:00Z"),
  endsAt: null,
  fingerprint: JSON.stringify(labels),
  ruleId: "r1",
});

describe("grouping notifications by labels", () => {
  const alerts = [alert({ cluster: "eu", group: "a" }), alert({ cluster: "us", group: "b" }), alert({ cluster: "eu", group: "c" })];

  it("makes one group per rule without group-by labels", () => {
    expect(groupAlerts("Lagging", [], alerts)).toEqual([{ groupLabels: { alertname: "Lagging" }, alerts }]);
  });

  it("splits by the values of the group-by labels, and the Alertmanager body carries them", () => {
    const groups = groupAlerts("Lagging", ["cluster"], alerts);
    expect(groups.map((g) => [g.groupLabels, g.alerts.map((a) => a.labels.group)])).toEqual([
      [{ alertname: "Lagging", cluster: "eu" }, ["a", "c"]],
      [{ alertname: "Lagging", cluster: "us" }, ["b"]],
    ]);
    const body = alertmanagerBody({ ruleName: "Lagging", reason: "firing", ...groups[0]! }, "oncall", "http://ep");
    expect(body.groupKey).toBe('{}:{alertname="Lagging",cluster="eu"}');
    expect(body.groupLabels).toEqual({ alertname: "Lagging", cluster: "eu" });
    expect(body.commonLabels).toEqual({ alertname: "Lagging", cluster: "eu" });
  });
});

// What each rule sees this cycle: one observation per subject in its scope (a consumer group, a DLQ
// topic, a cluster), with the value the rule compares and whether its condition holds. Lag is
// computed once per cycle for all groups any rule needs.
import { db } from "@/server/db";
// Globs with * and ?, whole-string, case-sensitive (group ids and topic names are); RE2, so linear.
import { globMatcher } from "@/server/lib/safe-regex";
import { lagForGroups, type GroupLag } from "@/server/domain/consumers";
import { newExceptionWindowMinutes, type RuleKind } from "./rules";

export type Observation = { subject: string; labels: Record<string, string>; value: number; active: boolean; summary: string };
type Rule = { kind: string; threshold: number; clusterId: string | null; target: string; ownerTeam: string | null };


export function globMatch(pattern: string, text: string): boolean {
  return globMatcher(pattern)(text);
}

type GroupRow = { id: string; groupId: string; clusterId: string; cluster: { name: string }; offsets: { topic: string }[] };

/**
 * What one evaluation cycle reads once for all its rules: the groups of each cluster scope, the
 * topics each team owns, and the lag of every group (1,000 rules would otherwise read them 1,000 times).
 */
export class ObservationContext {
  private lag: Map<string, GroupLag> | null = null;
  private readonly groupsByScope = new Map<string, Promise<GroupRow[]>>();
  private readonly ownedByTeam = new Map<string, Promise<Set<string>>>();
  constructor(private readonly lagOptions: { minIdleMs?: number }) {}

  private scopeGroups(clusterId: string | null): Promise<GroupRow[]> {
    const key = clusterId ?? "";
    let rows = this.groupsByScope.get(key);
    if (!rows) {
      rows = db.consumerGroup.findMany({
        where: { deletedAt: null, ...(clusterId ? { clusterId } : {}) },
        select: { id: true, groupId: true, clusterId: true, cluster: { select: { name: true } }, offsets: { select: { topic: true } } },
      });
      this.groupsByScope.set(key, rows);
    }
    return rows;
  }

  private ownedTopics(team: string): Promise<Set<string>> {
    let owned = this.ownedByTeam.get(team);
    if (!owned) {
      owned = db.topic
        .findMany({ where: { ownerTeam: team, deletedAt: null }, select: { clusterId: true, name: true } })
        .then((topics) => new Set(topics.map((t) => `${t.clusterId}/${t.name}`)));
      this.ownedByTeam.set(team, owned);
    }
    return owned;
  }

  private async groups(rule: Rule) {
    const groups = await this.scopeGroups(rule.clusterId);
    const owned = rule.ownerTeam ? await this.ownedTopics(rule.ownerTeam) : null;
    const matches = globMatcher(rule.target);
    return groups.filter((g) => matches(g.groupId) && (!owned || g.offsets.some((o) => owned.has(`${g.clusterId}/${o.topic}`))));
  }

  private async lagOf(ids: string[]) {
    if (!this.lag) {
      const all = await db.consumerGroup.findMany({ where: { deletedAt: null }, select: { id: true } });
      this.lag = await lagForGroups(
        all.map((g) => g.id),
        this.lagOptions,
      );
    }
    return ids.map((id) => this.lag!.get(id));
  }

  async observe(rule: Rule): Promise<Observation[]> {
    const kind = rule.kind as RuleKind;
    if (kind === "group_lag_offsets" || kind === "group_lag_seconds" || kind === "group_status") {
      const groups = await this.groups(rule);
      const lags = await this.lagOf(groups.map((g) => g.id));
      return groups.flatMap((g, i) => {
        const lag = lags[i];
        if (!lag) return [];
        const labels = { cluster: g.cluster.name, group: g.groupId };
        const subject = `${g.cluster.name}/${g.groupId}`;
        if (kind === "group_lag_offsets") {
          return [
            {
              subject,
              labels,
              value: lag.totalLag,
              active: lag.totalLag > rule.threshold,
              summary: `${g.groupId} is ${lag.totalLag.toLocaleString("en")} messages behind`,
            },
          ];
        }
        if (kind === "group_lag_seconds") {
          const v = lag.maxTimeLagSeconds ?? 0;
          return [{ subject, labels, value: v, active: v > rule.threshold, summary: `${g.groupId} is ${Math.round(v)} s behind` }];
        }
        const rank = { OK: 0, WARN: 1, ERR: 2 }[lag.status];
        const worst = lag.partitions.find((p) => p.status !== "OK");
        return [
          {
            subject,
            // Not the status as a label: WARN → ERR must stay one alert (the same fingerprint).
            labels,
            value: rank,
            active: rank >= Math.max(1, rule.threshold),
            summary: `${g.groupId} lag status ${lag.status}${worst ? ` (${worst.topic}/${worst.partition} ${worst.status})` : ""}`,
          },
        ];
      });
    }
    if (kind === "dlq_depth" || kind === "dlq_inflow") {
      const topics = await db.topic.findMany({
        where: {
          deadLetter: true,
          deletedAt: null,
          ...(rule.clusterId ? { clusterId: rule.clusterId } : {}),
          ...(rule.ownerTeam ? { ownerTeam: rule.ownerTeam } : {}),
        },
        select: { name: true, messageCount: true, messagesPerSec: true, cluster: { select: { name: true } } },
      });
      return topics
        .filter((t) => globMatch(rule.target, t.name))
        .map((t) => {
          const value = kind === "dlq_depth" ? Number(t.messageCount) : (t.messagesPerSec ?? 0) * 60;
          return {
            subject: `${t.cluster.name}/${t.name}`,
            labels: { cluster: t.cluster.name, topic: t.name },
            value,
            active: value > rule.threshold,
            summary:
              kind === "dlq_depth"
                ? `${t.name} holds ${value.toLocaleString("en")} dead letters`
                : `${value.toFixed(1)} dead letters/min into ${t.name}`,
          };
        });
    }
    if (kind === "dlq_new_exception") {
      const since = new Date(Date.now() - newExceptionWindowMinutes(rule.threshold) * 60_000);
      const classes = await db.deadLetterClass.findMany({ where: { baseline: false, firstSeenAt: { gte: since } } });
      if (!classes.length) return [];
      const topics = await db.topic.findMany({
        where: {
          id: { in: [...new Set(classes.map((c) => c.topicId))] },
          deletedAt: null,
          ...(rule.clusterId ? { clusterId: rule.clusterId } : {}),
          ...(rule.ownerTeam ? { ownerTeam: rule.ownerTeam } : {}),
        },
        select: { id: true, name: true, cluster: { select: { name: true } } },
      });
      const byId = new Map(topics.filter((t) => globMatch(rule.target, t.name)).map((t) => [t.id, t]));
      // One alert per (queue, class); it resolves once the class is older than the rule's window.
      return classes.flatMap((c) => {
        const t = byId.get(c.topicId);
        if (!t) return [];
        return [
          {
            subject: `${t.cluster.name}/${t.name}`,
            labels: { cluster: t.cluster.name, topic: t.name, exception: c.exceptionClass },
            value: 1,
            active: true,
            summary: `new exception class ${c.exceptionClass} in ${t.name} (first at ${c.partition}/${c.offset})${c.example ? `: ${c.example.slice(0, 200)}` : ""}`,
          },
        ];
      });
    }
    const clusters = await db.cluster.findMany({
      where: rule.clusterId ? { id: rule.clusterId } : {},
      select: { name: true, status: true, lastError: true },
    });
    return clusters
      .filter((c) => globMatch(rule.target, c.name))
      .map((c) => ({
        subject: c.name,
        labels: { cluster: c.name },
        value: c.status === "UNREACHABLE" ? 1 : 0,
        active: c.status === "UNREACHABLE",
        summary:
          c.status === "UNREACHABLE" ? `cluster ${c.name} unreachable: ${c.lastError ?? "no answer"}` : `cluster ${c.name} reachable`,
      }));
  }
}

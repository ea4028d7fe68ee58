// Consumer groups nobody would hear about: no enabled lag or status alert rule watches them, so a
// stalled consumer is found by its users. A group's team is the owner of a topic it reads.
import { groupsWatchedByRules } from "@/server/domain/alerts";
import { clusterNames } from "@/server/domain/connections";
import { listGroupRefs } from "@/server/domain/consumers";
import type { CheckRules } from "@/server/domain/policies";
import { listTopicRefs } from "@/server/domain/topics";
import type { Candidate, CheckResult } from "../candidate";

export async function groupChecks(rules: CheckRules): Promise<CheckResult> {
  const severity = rules.unwatchedGroups.severity;
  if (severity === "off") return { checks: [], candidates: [], coverage: {} };
  const [groups, watched, names, topics] = await Promise.all([listGroupRefs(), groupsWatchedByRules(), clusterNames(), listTopicRefs({})]);
  const owned = new Map(topics.filter((t) => t.ownerTeam).map((t) => [`${t.clusterId}/${t.name}`, t.ownerTeam!]));
  // A group that reads only dead-letter queues is watched by the DLQ rule kinds (depth, inflow), not lag.
  const deadLetters = new Set(topics.filter((t) => t.deadLetter || t.deadLetterByHeaders).map((t) => `${t.clusterId}/${t.name}`));
  const candidates: Candidate[] = [];
  for (const g of groups) {
    if (watched.has(g.id)) continue;
    // A RabbitMQ queue's consumers are named by the queue itself; a Kafka group by the topics it reads.
    const reads = g.kind === "queue" ? [g.groupId] : g.topics;
    if (reads.length && reads.every((t) => deadLetters.has(`${g.clusterId}/${t}`))) continue;
    const cluster = names.get(g.clusterId) ?? g.clusterId;
    const team = g.topics.map((t) => owned.get(`${g.clusterId}/${t}`)).find(Boolean) ?? null;
    candidates.push({
      check: "observability.unwatchedGroup",
      severity,
      targetType: "group",
      targetKey: `${g.clusterId}/${g.groupId}`,
      targetLabel: `${cluster} / ${g.groupId}`,
      detail: "",
      team,
      message: `no enabled alert rule watches the lag or status of ${g.groupId}: if it stalls, nobody is told`,
      evidence: {
        groupRef: g.id,
        cluster,
        groupId: g.groupId,
        kind: g.kind,
        topics: g.topics,
        lagStatus: g.lagStatus,
        totalLag: g.totalLag,
      },
    });
  }
  return { checks: ["observability.unwatchedGroup"], candidates, coverage: { groups: groups.length } };
}

// Checks of the catalog itself: topics named against the naming policy, topics without an owner team,
// and hot partitions (one partition taking far more than its share of a topic's records: a skewed key).
import { clusterNames } from "@/server/domain/connections";
import { partitionGrowth } from "@/server/domain/consumers";
import type { PolicyDocument } from "@/server/domain/policies";
import { listTopicRefs, type TopicRef } from "@/server/domain/topics";
import { safeRegExp } from "@/server/lib/safe-regex";
import type { Candidate, CheckResult } from "../candidate";
import { appendTo } from "@/server/lib/append-to";

const HOUR_MS = 3_600_000;

export async function catalogChecks(policy: PolicyDocument, now: Date): Promise<CheckResult> {
  const rules = policy.checks;
  const [all, names] = await Promise.all([listTopicRefs({}), clusterNames()]);
  // Internal topics (__consumer_offsets, KV_ streams) and dead-letter queues follow their tools' names.
  const topics = all.filter((t) => !t.internal && !t.deadLetter && !t.deadLetterByHeaders && t.kind !== "exchange");
  const target = (t: TopicRef) => {
    const cluster = names.get(t.clusterId) ?? t.clusterId;
    return {
      targetType: "topic" as const,
      targetKey: `${t.clusterId}/${t.name}`,
      targetLabel: `${cluster} / ${t.name}`,
      team: t.ownerTeam,
      cluster,
    };
  };
  const checks: string[] = [];
  const candidates: Candidate[] = [];

  const pattern = policy.topics.namePattern;
  if (rules.topicNames.severity !== "off" && pattern) {
    const re = safeRegExp(`^(?:${pattern})$`);
    for (const t of topics.filter((x) => !re.test(x.name))) {
      const { cluster, ...where } = target(t);
      candidates.push({
        check: "naming.topic",
        severity: rules.topicNames.severity,
        ...where,
        detail: "",
        message: `the ${t.kind} name "${t.name}" does not match the naming policy ${pattern}`,
        evidence: { topicId: t.id, cluster, name: t.name, pattern },
      });
    }
    checks.push("naming.topic");
  }

  if (rules.owners.severity !== "off") {
    for (const t of topics.filter((x) => !x.ownerTeam)) {
      const { cluster, ...where } = target(t);
      candidates.push({
        check: "ownership.topic",
        severity: rules.owners.severity,
        ...where,
        detail: "",
        message: `${t.name} has no owner team: nobody is told when it breaks, and nobody decides its changes`,
        evidence: { topicId: t.id, cluster, name: t.name },
      });
    }
    checks.push("ownership.topic");
  }

  if (rules.hotPartitions.severity !== "off") {
    const { severity, windowHours, skew, minRecords } = rules.hotPartitions;
    const growth = await partitionGrowth(new Date(now.getTime() - windowHours * HOUR_MS), now);
    const byTopic = new Map<string, { partition: number; records: number }[]>();
    for (const g of growth) {
      const key = `${g.clusterId}/${g.topic}`;
      appendTo(byTopic, key, { partition: g.partition, records: g.records });
    }
    for (const t of topics.filter((x) => x.kind === "topic" && x.partitionCount > 1)) {
      const parts = byTopic.get(`${t.clusterId}/${t.name}`);
      const total = parts?.reduce((n, p) => n + p.records, 0) ?? 0;
      if (!parts || total < minRecords) continue;
      const hottest = parts.reduce((a, b) => (b.records > a.records ? b : a));
      const fair = total / t.partitionCount;
      if (hottest.records <= skew * fair) continue;
      const share = (n: number) => Math.round((100 * n) / total);
      const { cluster, ...where } = target(t);
      candidates.push({
        check: "ordering.hotPartition",
        severity,
        ...where,
        detail: "",
        message: `partition ${hottest.partition} of ${t.name} took ${share(hottest.records)} % of its ${total.toLocaleString("en")} records in the last ${windowHours} h (a fair share is ${share(fair)} %): a few keys carry most of the traffic`,
        evidence: {
          topicId: t.id,
          cluster,
          name: t.name,
          windowHours,
          skew,
          total,
          partitions: [...parts].sort((a, b) => a.partition - b.partition),
        },
      });
    }
    checks.push("ordering.hotPartition");
  }
  return { checks, candidates, coverage: { topics: topics.length } };
}

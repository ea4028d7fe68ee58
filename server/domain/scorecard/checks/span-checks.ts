// Checks of consumers from their spans: consumers that send none (dark in every journey), records a
// group processed more than once, and processing that fails with nowhere for the record to go.
import { clusterNames } from "@/server/domain/connections";
import { listGroupRefs, partitionGrowth, type GroupRef } from "@/server/domain/consumers";
import { declaredServices } from "@/server/domain/lineage";
import type { CheckRules } from "@/server/domain/policies";
import { listTopicRefs, type TopicRef } from "@/server/domain/topics";
import { failingConsumers, messagingCountsSince, repeatedProcessing, tracedConsumers, type TracedConsumer } from "@/server/domain/traces";
import type { Candidate, CheckResult } from "../candidate";
import { deadLetterPath, type ProducedTo } from "./dead-letter-path";

const HOUR_MS = 3_600_000;
const sinceNs = (now: Date, hours: number) => BigInt(now.getTime() - Math.round(hours * HOUR_MS)) * 1_000_000n;

/** Does a consumer span's (system, group) belong to this consumer group of the catalog? */
export function spanOfGroup(g: Pick<GroupRef, "kind" | "groupId">, s: Pick<TracedConsumer, "system" | "group">): boolean {
  if (!s.group) return false;
  if (g.kind === "queue") return s.system === "rabbitmq" && (s.group === g.groupId || g.groupId.endsWith(`/${s.group}`));
  if (g.kind === "jetstream") return s.system === "nats" && (s.group === g.groupId || g.groupId.endsWith(`/${s.group}`));
  return (s.system === "kafka" || s.system === "") && s.group === g.groupId;
}

type Context = { groups: GroupRef[]; topics: TopicRef[]; names: Map<string, string>; owned: Map<string, string> };

async function loadContext(): Promise<Context> {
  const [groups, topics, names] = await Promise.all([listGroupRefs(), listTopicRefs({}), clusterNames()]);
  const owned = new Map(topics.filter((t) => t.ownerTeam).map((t) => [`${t.clusterId}/${t.name}`, t.ownerTeam!]));
  return { groups, topics, names, owned };
}

function groupTarget(ctx: Context, g: GroupRef) {
  const cluster = ctx.names.get(g.clusterId) ?? g.clusterId;
  const reads = g.kind === "group" ? g.topics : [g.groupId.slice(g.groupId.lastIndexOf("/") + 1)];
  return {
    targetType: "group" as const,
    targetKey: `${g.clusterId}/${g.groupId}`,
    targetLabel: `${cluster} / ${g.groupId}`,
    team: reads.map((t) => ctx.owned.get(`${g.clusterId}/${t}`)).find(Boolean) ?? null,
    cluster,
  };
}

/** One pass's reads of spans and declarations, each made once per window however many checks ask. */
function spanReads(now: Date) {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>) => {
    if (!memo.has(key)) memo.set(key, read());
    return memo.get(key) as Promise<T>;
  };
  const flows = (hours: number) => once(`flows:${hours}`, () => messagingCountsSince(sinceNs(now, hours)));
  return {
    traced: (hours: number) => once(`traced:${hours}`, () => tracedConsumers(sinceNs(now, hours))),
    flows,
    producers: async (hours: number): Promise<ProducedTo[]> =>
      (await flows(hours)).filter((f) => f.kind === "PRODUCES").map((f) => ({ service: f.service, topic: f.topic })),
    declared: () => once("declared", () => declaredServices()),
  };
}

export async function spanChecks(rules: CheckRules, now: Date): Promise<CheckResult> {
  const ctx = await loadContext();
  const reads = spanReads(now);
  const checks: string[] = [];
  const candidates: Candidate[] = [];
  const coverage: Record<string, number> = {};

  if (rules.untracedGroups.severity !== "off") {
    const { severity, windowHours } = rules.untracedGroups;
    const since = new Date(now.getTime() - windowHours * HOUR_MS);
    const [traced, growth] = await Promise.all([reads.traced(windowHours), partitionGrowth(since, now)]);
    const arrived = new Map<string, number>();
    for (const p of growth) arrived.set(`${p.clusterId}/${p.topic}`, (arrived.get(`${p.clusterId}/${p.topic}`) ?? 0) + p.records);
    for (const g of ctx.groups) {
      if (g.memberCount === 0 || !busy(g, arrived)) continue;
      if (traced.some((s) => spanOfGroup(g, s))) continue;
      const t = groupTarget(ctx, g);
      candidates.push({
        check: "observability.untracedGroup",
        severity,
        ...t,
        detail: "",
        message: `${g.groupId} is consuming (${g.memberCount} connected) but sent no consumer span in the last ${windowHours} h: its part of every journey is dark`,
        evidence: {
          groupRef: g.id,
          cluster: t.cluster,
          groupId: g.groupId,
          kind: g.kind,
          members: g.memberCount,
          topics: g.topics,
          windowHours,
        },
      });
    }
    checks.push("observability.untracedGroup");
    coverage.tracedConsumers = traced.length;
  }

  if (rules.untracedServices.severity !== "off") {
    const { severity, windowHours } = rules.untracedServices;
    const [declared, flows] = await Promise.all([reads.declared(), reads.flows(windowHours)]);
    const seen = new Set(flows.map((f) => f.service));
    for (const s of declared.filter((d) => !seen.has(d.name)))
      candidates.push({
        check: "observability.untracedService",
        severity,
        targetType: "service",
        targetKey: s.name,
        targetLabel: s.name,
        detail: "",
        team: s.ownerTeam,
        message: `${s.name} is declared (${s.declared} edge${s.declared === 1 ? "" : "s"} or mapping${s.declared === 1 ? "" : "s"}) but sent no messaging span in the last ${windowHours} h: it is stopped, or nobody traces it`,
        evidence: { service: s.name, declared: s.declared, windowHours },
      });
    checks.push("observability.untracedService");
    coverage.declaredServices = declared.length;
  }

  if (rules.owners.severity !== "off") {
    for (const s of (await reads.declared()).filter((d) => !d.ownerTeam))
      candidates.push({
        check: "ownership.service",
        severity: rules.owners.severity,
        targetType: "service",
        targetKey: s.name,
        targetLabel: s.name,
        detail: "",
        team: null,
        message: `${s.name} has no owner team: when it breaks, nobody is told`,
        evidence: { service: s.name, declared: s.declared },
      });
    checks.push("ownership.service");
  }

  if (rules.reprocessed.severity !== "off") {
    const { severity, windowHours } = rules.reprocessed;
    for (const r of await repeatedProcessing(sinceNs(now, windowHours))) {
      const g = ctx.groups.find((x) => spanOfGroup(x, r) && (x.kind !== "group" || x.topics.includes(r.topic)));
      if (!g) continue;
      const t = groupTarget(ctx, g);
      candidates.push({
        check: "duplicates.reprocessed",
        severity,
        ...t,
        detail: r.topic,
        message: `${g.groupId} processed ${r.records} record${r.records === 1 ? "" : "s"} of ${r.topic} more than once in the last ${windowHours} h (the same partition and offset): a retry or a lost commit runs the handler twice`,
        evidence: {
          groupRef: g.id,
          cluster: t.cluster,
          groupId: g.groupId,
          topic: r.topic,
          topics: g.topics,
          records: r.records,
          examples: r.examples,
          windowHours,
        },
      });
    }
    checks.push("duplicates.reprocessed");
  }

  if (rules.noDeadLetterPath.severity !== "off") {
    const { severity, windowHours } = rules.noDeadLetterPath;
    const [failing, traced, produced] = await Promise.all([
      failingConsumers(sinceNs(now, windowHours)),
      reads.traced(windowHours),
      reads.producers(windowHours),
    ]);
    const seen = new Set<string>();
    for (const f of failing) {
      const g = ctx.groups.find((x) => spanOfGroup(x, f));
      if (!g || seen.has(g.id)) continue;
      const services = new Set(traced.filter((s) => spanOfGroup(g, s)).map((s) => s.service));
      seen.add(g.id);
      if (deadLetterPath(g, ctx.topics, services, produced)) continue;
      const t = groupTarget(ctx, g);
      const failures = failing.filter((x) => spanOfGroup(g, x));
      const failed = failures.reduce((n, x) => n + x.failed, 0);
      const total = failures.reduce((n, x) => n + x.total, 0);
      candidates.push({
        check: "deadLetters.noPath",
        severity,
        ...t,
        detail: "",
        message: `${g.groupId} failed to process ${failed} of ${total} messages in the last ${windowHours} h and has no dead-letter queue: a failed message is retried for ever or lost`,
        evidence: {
          groupRef: g.id,
          cluster: t.cluster,
          groupId: g.groupId,
          topics: g.topics,
          services: [...services],
          failed,
          total,
          examples: failures.flatMap((x) => x.examples).slice(0, 5),
          windowHours,
        },
      });
    }
    checks.push("deadLetters.noPath");
  }

  if (rules.deadLetterRequired.severity !== "off") {
    const [traced, produced] = await Promise.all([reads.traced(24), reads.producers(24)]);
    for (const g of ctx.groups) {
      if (g.kind === "group" && !g.topics.length) continue;
      const services = new Set(traced.filter((s) => spanOfGroup(g, s)).map((s) => s.service));
      if (deadLetterPath(g, ctx.topics, services, produced)) continue;
      const t = groupTarget(ctx, g);
      candidates.push({
        check: "deadLetters.required",
        severity: rules.deadLetterRequired.severity,
        ...t,
        detail: "",
        message: `${g.groupId} has no dead-letter queue, and the policy asks every consumer for one`,
        evidence: { groupRef: g.id, cluster: t.cluster, groupId: g.groupId, kind: g.kind, topics: g.topics },
      });
    }
    checks.push("deadLetters.required");
  }
  coverage.groups = ctx.groups.length;
  return { checks, candidates, coverage };
}

/** Did the group have something to consume in the window (a Kafka topic grew, a queue delivered)? */
function busy(g: GroupRef, arrived: Map<string, number>): boolean {
  if (g.kind === "group") return g.topics.some((t) => (arrived.get(`${g.clusterId}/${t}`) ?? 0) > 0);
  if (g.kind === "queue") return Number(g.details.deliverRate ?? 0) > 0 || Number(g.details.ackRate ?? 0) > 0;
  return true;
}

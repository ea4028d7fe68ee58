// `npm run bench -- lag`: one lag cycle for 1,000 consumer groups over 10,000 partitions (1,000 topics
// × 10) on a real local Kafka and PostgreSQL, and one evaluation of 1,000 alert rules over them, each
// reported as a ratio against the raw admin-API fetch of the same cycle (topics, end offsets, groups,
// committed offsets) measured in this run on the same broker. More groups than topics share them
// (group i reads topic i mod topics, all its partitions): `--groups 20000 --topics 1000` measures
// the design's 20,000 groups. A broker keeps a file open per partition, and a process here may hold
// 20,000 open files: `--brokers 7` spreads the partitions over a cluster of 7, so that
// `--groups 20000 --topics 10000 --brokers 7` measures the design's 100,000 partitions.
// Options: --groups 1000 --topics <groups> --partitions 10 --rules 1000 --rounds 3 --brokers 1
// With BENCH_STATEMENTS=1, PostgreSQL's time per statement over the rounds is printed (statements.ts).
import { Kafka, logLevel } from "kafkajs";
import { median, numberArg } from "./args";
import { createTopicsInBulk, startBenchEnv } from "./bench-env";
import { commitWithoutMembers } from "./standalone-commits";
import { printStatements, resetStatements } from "./statements";

const groupCount = numberArg("groups", 1_000);
const topicCount = Math.min(numberArg("topics", groupCount), groupCount);
const width = Math.max(4, String(groupCount - 1).length);
const groupName = (i: number) => `lag-group-${String(i).padStart(width, "0")}`;
const partitionsPerTopic = numberArg("partitions", 10);
const ruleCount = numberArg("rules", 1_000);
const rounds = numberArg("rounds", 3);

const env = await startBenchEnv({ kafka: true, kafkaNodes: numberArg("brokers", 1) });

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

try {
  // By default one topic per group, so every group has its own 10 partitions: 1,000 × 10 = 10,000 partitions.
  const kafka = new Kafka({ clientId: "bench", brokers: env.brokers.split(","), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  let t = performance.now();
  const topics = Array.from({ length: topicCount }, (_, i) => `lag.topic.${String(i).padStart(width, "0")}`);
  await createTopicsInBulk(admin, topics, partitionsPerTopic);
  console.log(`created ${topicCount} topics × ${partitionsPerTopic} partitions in ${seconds(performance.now() - t)}`);
  // The controller lists a topic before its leader's broker has made the partition's log: with many
  // thousands of partitions that takes minutes, and a send meanwhile is refused ("not the leader").
  const producer = kafka.producer({ retry: { retries: 60, initialRetryTime: 1_000, maxRetryTime: 10_000 } });
  await producer.connect();
  for (let i = 0; i < topics.length; i += 100) {
    await producer.sendBatch({
      topicMessages: topics.slice(i, i + 100).map((topic) => ({
        topic,
        messages: Array.from({ length: partitionsPerTopic * 3 }, (_, k) => ({ partition: k % partitionsPerTopic, value: "x" })),
      })),
    });
  }
  await producer.disconnect();
  // Each group has committed a different distance behind the log end (0–3 records per partition),
  // as a group with no member (standalone-commits.ts).
  t = performance.now();
  await commitWithoutMembers(
    kafka,
    Array.from({ length: groupCount }, (_, i) => ({
      groupId: groupName(i),
      topic: topics[i % topicCount]!,
      partitions: Array.from({ length: partitionsPerTopic }, (_, p) => ({ partition: p, offset: String((i + p) % 4) })),
    })),
  );
  await admin.disconnect();
  console.log(
    `set up ${groupCount} groups × ${partitionsPerTopic} partitions (${groupCount * partitionsPerTopic} committed offsets over ${topicCount * partitionsPerTopic} partitions) in ${seconds(performance.now() - t)}`,
  );

  const { registerEnvCluster, listClusterTargets } = await import("@/server/domain/connections");
  const { systemActor } = await import("@/server/domain/identity");
  const { syncCluster } = await import("@/collectors/catalog-sync/sync-cluster");
  const { readCatalog } = await import("@/server/brokers/kafka");
  const { lagForGroups } = await import("@/server/domain/consumers");
  const { createRule, evaluateRules } = await import("@/server/domain/alerts");
  const { db } = await import("@/server/db");
  const { closeConnections } = await import("@/server/lib/lifecycle");
  await registerEnvCluster(systemActor("startup"), env.brokers, "bench");
  const [target] = (await listClusterTargets()).filter((t) => t.kind === "kafka");
  const first = await syncCluster(target!, { withConfigs: false });
  if (!first.ok || first.groups < groupCount) throw new Error(`first sync incomplete: ${JSON.stringify(first)}`);

  await resetStatements();
  const raw: number[] = [];
  const cycle: number[] = [];
  const lagOnly: number[] = [];
  const groupIds = (await db.consumerGroup.findMany({ select: { id: true } })).map((g) => g.id);
  for (let r = 0; r < rounds; r++) {
    t = performance.now();
    await readCatalog(target!.connection, { withConfigs: false });
    raw.push(performance.now() - t);
    t = performance.now();
    const res = await syncCluster(target!, { withConfigs: false });
    if (!res.ok) throw new Error(`sync failed: ${res.error}`);
    cycle.push(performance.now() - t);
    t = performance.now();
    const lag = await lagForGroups(groupIds);
    lagOnly.push(performance.now() - t);
    if (lag.size !== groupCount) throw new Error(`lag for ${lag.size} groups, expected ${groupCount}`);
  }

  await printStatements(`${rounds} round(s) of fetch, lag cycle and lag of every group`);

  // 1,000 rules as a platform team would write them: per-group lag thresholds, team-wide status
  // rules by pattern, seconds behind, DLQ and reachability rules.
  const kinds = ["group_lag_offsets", "group_lag_seconds", "group_status", "dlq_depth", "cluster_unreachable"] as const;
  for (let i = 0; i < ruleCount; i++) {
    const kind = kinds[i % kinds.length]!;
    await createRule(systemActor("bench"), {
      name: `bench-rule-${i}`,
      kind,
      threshold: kind === "group_status" ? 1 : 2,
      target: kind === "group_lag_offsets" ? groupName(i % groupCount) : kind === "dlq_depth" ? "*.DLQ" : `lag-group-0${i % 10}*`,
      forSeconds: 60,
    });
  }
  const evaluation: number[] = [];
  const written: number[] = [];
  let outcome = { rules: 0, notifications: 0, firing: 0, written: 0 };
  for (let r = 0; r < rounds; r++) {
    t = performance.now();
    outcome = await evaluateRules({ externalUrl: "http://bench" });
    evaluation.push(performance.now() - t);
    // What an evaluation costs depends on how many alerts it writes, which depends on how long the
    // run took (time lag grows past the rules' thresholds): each figure is shown with its count.
    written.push(outcome.written);
  }
  const pending = await db.alert.count({ where: { state: "pending" } });

  const base = median(raw);
  const line = (name: string, xs: number[]) =>
    console.log(`${name.padEnd(52)} ${seconds(median(xs)).padStart(8)} · ratio ${(median(xs) / base).toFixed(2)}`);
  console.log(`\nmedian of ${rounds}, ${groupCount} groups × ${partitionsPerTopic} partitions over ${topicCount} topics:`);
  console.log(`${"raw admin-API fetch of the cycle (baseline)".padEnd(52)} ${seconds(base).padStart(8)}`);
  line("lag cycle: fetch + store + lag summaries + samples", cycle);
  line("lag of every group from stored offsets (pages, rules)", lagOnly);
  line(`evaluate ${outcome.rules} rules (${pending} alerts pending)`, evaluation);
  console.log(
    `  each evaluation: ${evaluation.map((ms, i) => `${seconds(ms)} writing ${written[i]!.toLocaleString("en")} alerts`).join("; ")}; ${outcome.firing.toLocaleString("en")} firing at the end`,
  );
  await closeConnections();
} finally {
  await env.stop();
}

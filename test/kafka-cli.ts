// Kafka's own command-line tools from the same Maven jars as the test broker: the ground truth that
// our numbers are compared with.
import { spawnSync } from "node:child_process";
import { defaultCacheDir, ensureKafkaJars } from "@/scripts/lib/kafka-broker";

export interface DescribedPartition {
  topic: string;
  partition: number;
  currentOffset: number | null;
  logEndOffset: number;
  lag: number | null;
}

/** One of Kafka's command-line tools (its Java class) with these arguments; its standard output. */
function kafkaTool(mainClass: string, brokers: string, args: string[]): string {
  const libs = ensureKafkaJars(defaultCacheDir(process.env.EVENTPLANE_CACHE_DIR));
  const r = spawnSync("java", ["-cp", `${libs}/*`, mainClass, "--bootstrap-server", brokers, ...args], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${mainClass} ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

/** kafka-consumer-groups.sh with these arguments. */
const consumerGroupCommand = (brokers: string, args: string[]) =>
  kafkaTool("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", brokers, args);

/** kafka-configs.sh with these arguments (client quotas are set and described with it). */
export const configCommand = (brokers: string, args: string[]) => kafkaTool("kafka.admin.ConfigCommand", brokers, args);

/** `kafka-consumer-groups.sh --describe --group <g>`, parsed. */
export function describeGroupWithKafkaCli(brokers: string, group: string): DescribedPartition[] {
  const stdout = consumerGroupCommand(brokers, ["--describe", "--group", group]);
  const lines = stdout.split("\n").filter((l) => l.trim() && !l.startsWith("GROUP") && !l.includes("has no active members"));
  return lines
    .map((l) => l.trim().split(/\s+/))
    .filter((cols) => cols[0] === group)
    .map(([, topic, partition, current, end, lag]) => ({
      topic: topic!,
      partition: Number(partition),
      currentOffset: current === "-" ? null : Number(current),
      logEndOffset: Number(end),
      lag: lag === "-" ? null : Number(lag),
    }))
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

/** `kafka-consumer-groups.sh --reset-offsets --dry-run` for one topic: partition → the new offset it prints. */
export function resetOffsetsDryRunWithKafkaCli(brokers: string, group: string, topicArg: string, how: string[]): Map<number, number> {
  const stdout = consumerGroupCommand(brokers, ["--group", group, "--topic", topicArg, "--reset-offsets", ...how, "--dry-run"]);
  // GROUP  TOPIC  PARTITION  NEW-OFFSET
  const rows = stdout
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter((cols) => cols[0] === group && cols.length >= 4);
  return new Map(rows.map((cols) => [Number(cols[2]), Number(cols[3])]));
}

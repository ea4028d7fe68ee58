// Checks on what topics carry, from the newest records of each partition (a bounded sample per pass):
// large payloads, keyless records of one aggregate on several partitions, the same event id twice,
// values without a registered schema, and JSON values without the envelope. Kafka topics and JetStream
// streams always; RabbitMQ queues when the policy allows it (reading a queue takes its messages for a
// moment). With more topics than a pass may sample, each pass goes on where the last one stopped.
import { clusterNames } from "@/server/domain/connections";
import type { PolicyDocument } from "@/server/domain/policies";
import { sampleTopic } from "@/server/domain/records";
import { listTopicRefs, topicConfigValues, type TopicRef } from "@/server/domain/topics";
import type { Candidate, CheckResult } from "../candidate";
import { commandEventTypes, duplicateEventIds, keylessWithAggregate, missingEnvelope, payloadSizes, unregistered } from "./record-facts";

export const RECORD_CHECKS = [
  "records.largePayloads",
  "records.keylessOrdering",
  "records.duplicates",
  "records.unregistered",
  "records.envelope",
  "records.eventNames",
];

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MiB`;

/** `pass`: how many passes ran before this one, so a catalog larger than maxTopics is covered in turns. */
export async function recordChecks(policy: PolicyDocument, pass = 0): Promise<CheckResult> {
  const rules = policy.checks;
  const kinds = new Set(["topic", "stream", ...(rules.sampling.rabbitmqQueues ? ["queue"] : [])]);
  const topics = (await listTopicRefs({})).filter((t) => kinds.has(t.kind) && !t.internal && !t.deadLetter && !t.deadLetterByHeaders);
  const start = topics.length > rules.sampling.maxTopics ? (pass * rules.sampling.maxTopics) % topics.length : 0;
  const chosen = [...topics.slice(start), ...topics.slice(0, start)].slice(0, rules.sampling.maxTopics);
  const [names, maxBytes] = await Promise.all([
    clusterNames(),
    topicConfigValues(
      chosen.map((t) => t.id),
      "max.message.bytes",
    ),
  ]);
  const candidates: Candidate[] = [];
  const covered: string[] = [];
  const problems: string[] = [];
  let sampled = 0;
  let bytes = 0;
  let topicsSampled = 0;
  for (const topic of chosen) {
    let sample;
    try {
      sample = await sampleTopic(topic, rules.sampling.recordsPerPartition, { queues: rules.sampling.rabbitmqQueues });
    } catch (error) {
      problems.push(`topic ${topic.name}: ${(error as Error).message}`);
      continue;
    }
    if (!sample) continue;
    topicsSampled++;
    sampled += sample.records.length;
    bytes += sample.bytes;
    const key = `${topic.clusterId}/${topic.name}`;
    covered.push(key);
    if (!sample.records.length) continue;
    const found = (check: string, severity: string, message: string, evidence: Record<string, unknown>, detail = "") => {
      if (severity === "off") return;
      candidates.push({
        check,
        severity: severity as "error" | "warning",
        targetType: "topic",
        targetKey: key,
        targetLabel: `${names.get(topic.clusterId) ?? topic.clusterId} / ${topic.name}`,
        detail,
        team: topic.ownerTeam,
        message,
        evidence: { topicId: topic.id, sampled: sample.records.length, ...evidence },
      });
    };
    checkTopic(topic, sample.records, sample.partitions, Number(maxBytes.get(topic.id) ?? NaN), policy, found);
  }
  return {
    checks: RECORD_CHECKS,
    candidates,
    covered,
    problems,
    coverage: { topicsSampled, recordsSampled: sampled, bytesSampled: bytes, topicsSkipped: topics.length - topicsSampled },
  };
}

type Found = (check: string, severity: string, message: string, evidence: Record<string, unknown>, detail?: string) => void;

function checkTopic(
  topic: TopicRef,
  records: Parameters<typeof payloadSizes>[0],
  partitions: number,
  maxMessageBytes: number,
  policy: PolicyDocument,
  found: Found,
) {
  const rules = policy.checks;
  const sizes = payloadSizes(records, rules.largePayloads, Number.isFinite(maxMessageBytes) ? maxMessageBytes : null);
  if (sizes)
    found(
      "records.largePayloads",
      rules.largePayloads.severity,
      sizes.nearLimit
        ? `records reach ${mib(sizes.max)}, near the topic's max.message.bytes (${mib(maxMessageBytes)}): a slightly larger one is refused`
        : `${sizes.over} sampled record(s) over ${mib(rules.largePayloads.maxBytes)} (largest ${mib(sizes.max)}): store the payload elsewhere and send a reference`,
      { ...sizes, limit: rules.largePayloads.maxBytes, maxMessageBytes: Number.isFinite(maxMessageBytes) ? maxMessageBytes : null },
    );
  const keyless = keylessWithAggregate(records, partitions, rules.keylessOrdering);
  if (keyless)
    found(
      "records.keylessOrdering",
      rules.keylessOrdering.severity,
      `${keyless.withAggregate} of ${records.length} sampled records have no key while their value carries ${keyless.field}: one aggregate's events spread over ${partitions} partitions and lose their order`,
      { ...keyless, partitions },
    );
  const dupes = duplicateEventIds(records, rules.duplicates);
  if (dupes)
    found(
      "records.duplicates",
      rules.duplicates.severity,
      `${dupes.duplicatedIds} ${rules.duplicates.eventIdField} value(s) appear more than once among ${dupes.withId} sampled records (${dupes.extraCopies} extra copies): consumers must be idempotent`,
      dupes,
    );
  const loose = unregistered(records);
  if (loose)
    found(
      "records.unregistered",
      rules.unregisteredPayloads.severity,
      `${loose.json + loose.other} of ${records.length} sampled values were written without a registered schema${loose.json ? ` (${loose.json} as JSON text)` : ""}: nothing checks a change before it breaks consumers`,
      loose,
    );
  const envelope = policy.schemas.envelope;
  if (envelope.severity !== "off")
    for (const m of missingEnvelope(records, envelope.fields))
      found(
        "records.envelope",
        envelope.severity,
        `${m.without} of ${m.of} sampled JSON values have no envelope field "${m.field}"`,
        m,
        m.field,
      );
  if (policy.schemas.eventNames.severity !== "off")
    for (const t of commandEventTypes(records, rules.eventTypeField))
      found(
        "records.eventNames",
        policy.schemas.eventNames.severity,
        `${t.records} sampled record(s) have ${rules.eventTypeField} "${t.type}": ${t.reason}`,
        { field: rules.eventTypeField, ...t },
        t.type,
      );
  void topic;
}

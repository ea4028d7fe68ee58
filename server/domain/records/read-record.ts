// "Open the record": one Kafka record, decoded for people (payloads by the schemas context, with the
// writer's schema from our registry). A W3C `traceparent` header becomes a link to the trace that
// produced the record; dead-letter headers are shown normalised. Reading changes nothing.
import { clusterConnection, clusterNames } from "@/server/domain/connections";
import { normalizeDeadLetterHeaders } from "@/server/domain/dead-letters";
import { authorize, type Actor } from "@/server/domain/identity";
import { payloadMasker } from "@/server/domain/masking";
import { createPayloadDecoder } from "@/server/domain/schemas";
import { listTopicRefs } from "@/server/domain/topics";
import { DomainError } from "@/server/errors";
import { presentRecord } from "./present-record";

export async function readTopicRecord(actor: Actor, input: { topic: string; partition: number; offset: string; clusterId?: string }) {
  const topics = await listTopicRefs({ names: [input.topic], ...(input.clusterId ? { clusterIds: [input.clusterId] } : {}) });
  if (!topics.length) throw new DomainError("NOT_FOUND", `Topic ${input.topic} is not in the catalog of any connected cluster`);
  // The same name in several clusters: the first by cluster name, and the page says it was ambiguous.
  const names = await clusterNames(topics.map((t) => t.clusterId));
  topics.sort((a, b) => (names.get(a.clusterId) ?? "").localeCompare(names.get(b.clusterId) ?? ""));
  const topic = topics[0]!;
  authorize(actor, "records:read", { what: `topic "${topic.name}"`, owner: topic.ownerTeam });
  const cluster = await clusterConnection(topic.clusterId);
  const result = await cluster.broker.readRecord(topic, input.partition, input.offset).catch((error: Error) => {
    throw new DomainError("CLUSTER_UNREACHABLE", `Could not read from ${cluster.name}: ${error.message}`);
  });
  if (result.status === "out-of-range") {
    throw new DomainError(
      "NOT_FOUND",
      `Offset ${input.offset} is not in the log of ${input.topic}/${input.partition}, which holds offsets ${result.low} to ${BigInt(result.high) - 1n} (older ones were removed by retention)`,
    );
  }
  if (result.status === "timeout")
    throw new DomainError("CLUSTER_UNREACHABLE", `Timed out reading ${input.topic}/${input.partition} at offset ${input.offset}`);
  const raw = result.record;
  const decoder = createPayloadDecoder();
  const mask = await payloadMasker(actor, topic.name);
  const key = mask(await decoder.decode(raw.key, `${raw.topic}-key`), "key");
  const value = mask(await decoder.decode(raw.value, `${raw.topic}-value`), "value");
  const deadLetter = normalizeDeadLetterHeaders(raw.headers);
  return {
    ...presentRecord(raw, key, value),
    topicId: topic.id,
    clusterName: cluster.name,
    broker: cluster.broker.kind,
    ambiguous: topics.length > 1,
    topic: raw.topic,
    deadLetter: deadLetter.family ? deadLetter : null,
  };
}

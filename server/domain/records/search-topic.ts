// A search as a person or an API client asks for it: the topic by id (the UI) or by its cluster's
// and its own name (the REST API), read under the actor's permission to read the topic's records.
import { clusterConnection } from "@/server/domain/connections";
import { authorize, type Actor } from "@/server/domain/identity";
import { payloadMasker, type PayloadMasker } from "@/server/domain/masking";
import { findTopic, type TopicAddress, type TopicRef } from "@/server/domain/topics";
import { DomainError } from "@/server/errors";
import type { PositionReader } from "@/server/brokers";
import { searchRecords, type SearchContext, type SearchOptions, type SearchResult } from "./search";
import { tailRecords, type TailContext, type TailOptions } from "./tail";

export type { TopicAddress };
export type SearchTopicInput = TopicAddress & SearchOptions;

/** The topic's reader for an actor who may read its records; closed when `work` is done. */
async function withTopicReader<T>(
  actor: Actor,
  address: TopicAddress,
  work: (topic: TopicRef, cluster: string, reader: PositionReader, mask: PayloadMasker) => Promise<T>,
): Promise<T> {
  const topic = await findTopic(address);
  authorize(actor, "records:read", { what: `topic "${topic.name}"`, owner: topic.ownerTeam });
  const cluster = await clusterConnection(topic.clusterId);
  const mask = await payloadMasker(actor, topic.name);
  if (!cluster.broker.openReader)
    throw new DomainError(
      "INVALID_INPUT",
      `Searching by position is for Kafka topics; ${cluster.broker.kind === "rabbitmq" ? "a RabbitMQ queue is read from its head on its page" : "a JetStream stream's messages open by sequence"}`,
    );
  let reader: PositionReader;
  try {
    reader = await cluster.broker.openReader(topic);
  } catch (error) {
    throw new DomainError("CLUSTER_UNREACHABLE", `Could not reach ${cluster.name}: ${(error as Error).message}`);
  }
  try {
    return await work(topic, cluster.name, reader, mask).catch((error: unknown) => {
      if (error instanceof DomainError) throw error;
      throw new DomainError("CLUSTER_UNREACHABLE", `Reading ${topic.name} from ${cluster.name} failed: ${(error as Error).message}`);
    });
  } finally {
    await reader.close();
  }
}

export async function searchTopic(
  actor: Actor,
  input: SearchTopicInput,
  io: Omit<SearchContext, "topic" | "reader"> = {},
): Promise<SearchResult & { topic: { id: string; name: string; cluster: string } }> {
  const {
    topicId: _i,
    cluster: _c,
    topic: _t,
    ...options
  } = input as SearchTopicInput & { topicId?: string; cluster?: string; topic?: string };
  return withTopicReader(actor, input, async (topic, cluster, reader, mask) => ({
    ...(await searchRecords(options, { ...io, topic: topic.name, reader, mask })),
    topic: { id: topic.id, name: topic.name, cluster },
  }));
}

export async function tailTopic(actor: Actor, input: TopicAddress & TailOptions, io: Omit<TailContext, "topic" | "reader">) {
  const {
    topicId: _i,
    cluster: _c,
    topic: _t,
    ...options
  } = input as TopicAddress & TailOptions & { topicId?: string; cluster?: string; topic?: string };
  return withTopicReader(actor, input, (topic, _cluster, reader, mask) => tailRecords(options, { ...io, topic: topic.name, reader, mask }));
}

// kafkajs's internal cluster object (pinned 2.2.4, frozen upstream), reached by its private symbol. Its
// public API lacks batched ListOffsets, group-less Fetch and DescribeClientQuotas; the internal cluster
// has brokers that can send any request. One place reaches it, so a kafkajs change breaks one file.
import type { Kafka } from "kafkajs";

/** The internal cluster with this isolation level (0 read uncommitted, 1 read committed), or null. */
export function createInternalCluster<T>(kafka: Kafka, isolationLevel: 0 | 1): T | null {
  const key = Object.getOwnPropertySymbols(kafka).find((s) => s.description === "private:Kafka:createCluster");
  const create = key ? (kafka as unknown as Record<symbol, unknown>)[key] : undefined;
  return typeof create === "function" ? (create({ allowAutoTopicCreation: false, isolationLevel }) as T) : null;
}

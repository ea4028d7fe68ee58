// A catalogued topic as callers name it: by id (the console), or by its connection (id or name: the
// REST API names it) and its own name.
import { listClusterRefs } from "@/server/domain/connections";
import { DomainError } from "@/server/errors";
import { getTopicRef, listTopicRefs, type TopicRef } from "./topic-refs";

export type TopicAddress = { topicId: string } | { cluster: string; topic: string } | { clusterId: string; topic: string };

export async function findTopic(address: TopicAddress): Promise<TopicRef> {
  if ("topicId" in address) return getTopicRef(address.topicId);
  const clusterId = "clusterId" in address ? address.clusterId : (await listClusterRefs()).find((c) => c.name === address.cluster)?.id;
  if (!clusterId) throw new DomainError("NOT_FOUND", `No connection is named "${"cluster" in address ? address.cluster : ""}"`);
  const topic = (await listTopicRefs({ clusterIds: [clusterId], names: [address.topic] }))[0];
  if (!topic) throw new DomainError("NOT_FOUND", `Topic "${address.topic}" is not in the catalog of this connection`);
  return topic;
}

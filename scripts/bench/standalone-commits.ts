// Offsets committed for groups that have no member, the way kafka-consumer-groups --reset-offsets and
// the Java AdminClient's alterConsumerGroupOffsets do it: an OffsetCommit with generation -1 and no
// member id, sent to the group's coordinator. kafkajs's admin.setOffsets first joins each group with a
// consumer (about 3 s a group), so setting up 20,000 groups that way would take most of an hour.
// kafkajs's brokers can send the request; they are reached through its internal cluster.
import type { Kafka } from "kafkajs";
import { createInternalCluster } from "@/server/brokers/kafka/internal-cluster";

type Commit = { groupId: string; topic: string; partitions: { partition: number; offset: string }[] };
interface Coordinator {
  offsetCommit(request: {
    groupId: string;
    groupGenerationId: number;
    memberId: string;
    retentionTime?: number;
    topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
  }): Promise<{ responses: { topic: string; partitions: { partition: number; errorCode: number }[] }[] }>;
}
interface Cluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  findGroupCoordinator(request: { groupId: string }): Promise<Coordinator>;
}

/** Commits every group's offsets, `concurrency` groups at a time; throws on any refused partition. */
export async function commitWithoutMembers(kafka: Kafka, commits: Commit[], concurrency = 50): Promise<void> {
  const cluster = createInternalCluster<Cluster>(kafka, 0);
  if (!cluster) throw new Error("kafkajs's internal cluster is not reachable (kafkajs changed?)");
  await cluster.connect();
  try {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < commits.length; i = next++) {
          const { groupId, topic, partitions } = commits[i]!;
          const { responses } = await retrying(async () =>
            (await cluster.findGroupCoordinator({ groupId })).offsetCommit({
              groupId,
              groupGenerationId: -1,
              memberId: "",
              topics: [{ topic, partitions }],
            }),
          );
          const refused = responses.flatMap((r) => r.partitions).filter((p) => p.errorCode !== 0);
          if (refused.length) throw new Error(`offsets of ${groupId} refused: ${JSON.stringify(refused)}`);
        }
      }),
    );
  } finally {
    await cluster.disconnect();
  }
}

/** A new broker's group coordinator answers "not coordinator" or "loading" until its offsets topic is ready. */
async function retrying<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!(error as { retriable?: boolean }).retriable || attempt >= 60) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

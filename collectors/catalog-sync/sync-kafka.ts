import { recordEndSamples, recordGroups, refreshLagSummaries } from "@/server/domain/consumers";
import { recordCatalog } from "@/server/domain/topics";
import { markClusterUnreachable, recordClusterSync, type ClusterTarget } from "@/server/domain/connections";
import type { SyncResult } from "./sync-result";
import { deadLetterByName } from "@/server/domain/dead-letters";
import { BROKER_ADAPTERS } from "@/server/brokers";

/** Reads one Kafka cluster and records its topics, groups and offsets. */
export async function syncKafka(target: ClusterTarget & { kind: "kafka" }, opts: { withConfigs: boolean }): Promise<SyncResult> {
  const started = performance.now();
  const observedAt = new Date();
  let snapshot;
  try {
    snapshot = await BROKER_ADAPTERS.kafka.readCatalog(target.connection, opts);
  } catch (e) {
    const error = BROKER_ADAPTERS.kafka.describeError(e, target.connection);
    await markClusterUnreachable(target.id, error, observedAt);
    return { ok: false, elapsedMs: performance.now() - started, topics: 0, groups: 0, error };
  }
  const isDeadLetter = deadLetterByName();
  await recordCatalog({
    clusterId: target.id,
    observedAt,
    topics: snapshot.topics.map((t) => ({ ...t, deadLetter: isDeadLetter(t) })),
  });
  // Reachable as soon as it answered: the status and counts go first, so nothing reads the
  // groups of a cluster that still looks unreachable.
  await recordClusterSync({
    clusterId: target.id,
    observedAt,
    controllerId: snapshot.controllerId,
    brokers: snapshot.brokers,
    elapsedMs: performance.now() - started,
    topicCount: snapshot.topics.length,
    groupCount: snapshot.groups?.length ?? null,
    warning: snapshot.warning,
  });
  if (snapshot.groups) {
    // Log-end offsets of the topics some group reads: the lag at each commit, and samples for time lag.
    const consumed = new Set(
      snapshot.groups.flatMap((g) => [
        ...(g.offsets ?? []).map((o) => o.topic),
        ...g.members.flatMap((m) => m.assignments.map((a) => a.topic)),
      ]),
    );
    const ends = snapshot.topics
      .filter((t) => consumed.has(t.name))
      .flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partition, endOffset: p.endOffset })));
    await recordGroups(target.id, snapshot.groups, observedAt, ends);
    await recordEndSamples(target.id, observedAt, ends);
    await refreshLagSummaries(target.id, observedAt);
  }
  return {
    ok: true,
    elapsedMs: performance.now() - started,
    topics: snapshot.topics.length,
    groups: snapshot.groups?.length ?? 0,
    warning: snapshot.warning ?? undefined,
  };
}

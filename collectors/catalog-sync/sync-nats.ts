// One sync of a NATS server's JetStream: streams into the catalog (DLQ streams by name), each
// consumer's backlog (pending + ack pending) into the one consumer model.
import { BROKER_ADAPTERS } from "@/server/brokers";
import type { NatsSnapshot } from "@/server/brokers/nats";
import { markClusterUnreachable, recordClusterSync, type ClusterTarget } from "@/server/domain/connections";
import { recordBrokerBacklog, refreshLagSummaries, type BrokerBacklog } from "@/server/domain/consumers";
import { deadLetterByName } from "@/server/domain/dead-letters";
import { recordDestinations, type Destination } from "@/server/domain/topics";
import type { SyncResult } from "./sync-result";

const nats = BROKER_ADAPTERS.nats;

/** A consumer counts as attended when a client is bound (push), waits (pull) or took a message in the last minute. */
const ATTENDED_WITHIN_MS = 60_000;

function destinations(s: NatsSnapshot): Destination[] {
  const isDeadLetter = deadLetterByName(nats.deadLetterNames);
  return s.streams.map((st) => ({
    kind: "stream",
    namespace: "",
    name: st.name,
    internal: st.name.startsWith("KV_") || st.name.startsWith("OBJ_"),
    deadLetter: isDeadLetter({ name: st.name, internal: false }),
    messageCount: st.messages,
    messagesPerSec: null,
    counter: st.lastSeq,
    details: {
      subjects: st.subjects,
      retention: st.retention,
      storage: st.storage,
      replicas: st.replicas,
      bytes: st.bytes,
      firstSeq: st.firstSeq,
      lastSeq: st.lastSeq,
      consumers: st.consumerCount,
    },
  }));
}

function backlogs(s: NatsSnapshot, now: number): BrokerBacklog[] {
  const lastSeq = new Map(s.streams.map((st) => [st.name, st.lastSeq]));
  return s.consumers.map((c) => {
    const attended = c.pushBound || c.waiting > 0 || (c.lastActiveAt !== null && now - c.lastActiveAt < ATTENDED_WITHIN_MS);
    return {
      groupId: `${c.stream}/${c.name}`,
      state: attended ? "Active" : "Idle",
      members: attended
        ? [
            {
              memberId: c.name,
              clientId: c.pushBound ? "push" : "pull",
              host: "",
              assignments: [{ topic: c.stream, partitions: [] }],
              details: { waiting: c.waiting },
            },
          ]
        : [],
      backlog: c.pending + c.ackPending,
      oldestSeconds: null,
      inRate: null,
      outRate: null,
      counters: { in: lastSeq.get(c.stream) ?? 0, out: c.ackFloorStreamSeq },
      details: {
        stream: c.stream,
        consumer: c.name,
        durable: c.durable,
        filterSubjects: c.filterSubjects,
        ackPolicy: c.ackPolicy,
        maxDeliver: c.maxDeliver,
        pending: c.pending,
        ackPending: c.ackPending,
        redelivered: c.redelivered,
        waiting: c.waiting,
        deliveredStreamSeq: c.deliveredStreamSeq,
        ackFloorStreamSeq: c.ackFloorStreamSeq,
      },
    };
  });
}

export async function syncNats(target: ClusterTarget & { kind: "nats" }, _opts: { withConfigs: boolean }): Promise<SyncResult> {
  const started = performance.now();
  const observedAt = new Date();
  let snapshot: NatsSnapshot;
  try {
    snapshot = await nats.readCatalog(target.connection, { withConfigs: true });
  } catch (e) {
    const error = nats.describeError(e, target.connection);
    await markClusterUnreachable(target.id, error, observedAt);
    return { ok: false, elapsedMs: performance.now() - started, topics: 0, groups: 0, error };
  }
  const dests = destinations(snapshot);
  await recordDestinations({ clusterId: target.id, observedAt, destinations: dests });
  await recordClusterSync({
    clusterId: target.id,
    observedAt,
    controllerId: null,
    brokers: [{ nodeId: 0, host: snapshot.server.host || snapshot.server.name, port: snapshot.server.port, rack: null }],
    elapsedMs: performance.now() - started,
    topicCount: dests.length,
    groupCount: snapshot.consumers.length,
    warning: null,
  });
  await recordBrokerBacklog(target.id, "jetstream", backlogs(snapshot, observedAt.getTime()), observedAt);
  await refreshLagSummaries(target.id, observedAt);
  return { ok: true, elapsedMs: performance.now() - started, topics: dests.length, groups: snapshot.consumers.length };
}

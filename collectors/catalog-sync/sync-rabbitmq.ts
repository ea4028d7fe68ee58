// One sync of a RabbitMQ broker: exchanges and queues into the catalog (queues reached through a
// dead-letter exchange marked as DLQs), each queue's backlog and consumers into the one consumer
// model, the broker's nodes and counts into the connection.
import { BROKER_ADAPTERS } from "@/server/brokers";
import type { RabbitSnapshot } from "@/server/brokers/rabbitmq";
import { markClusterUnreachable, recordClusterSync, type ClusterTarget } from "@/server/domain/connections";
import { recordBrokerBacklog, refreshLagSummaries, type BrokerBacklog } from "@/server/domain/consumers";
import { queueKey, rabbitDeadLetterQueues } from "@/server/domain/dead-letters";
import { recordDestinations, type Destination } from "@/server/domain/topics";
import type { SyncResult } from "./sync-result";

const rabbit = BROKER_ADAPTERS.rabbitmq;

/** "/" is RabbitMQ's default vhost: its queues are shown by name alone. */
export const queueGroupId = (vhost: string, queue: string) => (vhost === "/" ? queue : `${vhost}/${queue}`);

function destinations(s: RabbitSnapshot): Destination[] {
  const dlqs = rabbitDeadLetterQueues(s, rabbit.deadLetterNames);
  const exchanges: Destination[] = s.exchanges
    .filter((e) => e.name !== "") // the default exchange is every queue's, by name
    .map((e) => ({
      kind: "exchange",
      namespace: e.vhost,
      name: e.name,
      internal: e.internal || e.name.startsWith("amq."),
      deadLetter: false,
      messageCount: 0,
      messagesPerSec: e.publishInRate,
      details: {
        type: e.type,
        durable: e.durable,
        publishInRate: e.publishInRate,
        // Where it routes (its bindings to queues): lineage draws exchange → queue from these.
        routes: s.bindings
          .filter((b) => b.vhost === e.vhost && b.source === e.name && b.destinationType === "queue")
          .map((b) => ({ queue: b.destination, routingKey: b.routingKey })),
      },
    }));
  const queues: Destination[] = s.queues.map((q) => ({
    kind: "queue",
    namespace: q.vhost,
    name: q.name,
    internal: false,
    deadLetter: dlqs.has(queueKey(q.vhost, q.name)),
    messageCount: q.ready + q.unacked,
    messagesPerSec: q.publishRate,
    details: {
      type: q.type,
      durable: q.durable,
      autoDelete: q.autoDelete,
      exclusive: q.exclusive,
      arguments: q.arguments,
      policy: q.policy,
      deadLetterExchange: q.deadLetterExchange,
      deadLetterRoutingKey: q.deadLetterRoutingKey,
      ready: q.ready,
      unacked: q.unacked,
      consumers: q.consumers,
      publishRate: q.publishRate,
      deliverRate: q.deliverRate,
      ackRate: q.ackRate,
      headMessageAt: q.headMessageAt,
      // The exchanges that route here ("" = the default exchange, by the queue's name).
      boundFrom: s.bindings
        .filter((b) => b.vhost === q.vhost && b.destination === q.name && b.destinationType === "queue" && b.source !== "")
        .map((b) => ({ exchange: b.source, routingKey: b.routingKey })),
    },
  }));
  return [...exchanges, ...queues];
}

function backlogs(s: RabbitSnapshot, now: number): BrokerBacklog[] {
  return s.queues.map((q) => {
    const consumers = s.consumers.filter((c) => c.vhost === q.vhost && c.queue === q.name);
    return {
      groupId: queueGroupId(q.vhost, q.name),
      state: consumers.length ? "Consuming" : "No consumers",
      members: consumers.map((c) => ({
        memberId: c.tag,
        clientId: c.connection,
        host: c.peerHost,
        assignments: [{ topic: q.name, partitions: [] }],
        details: { channel: c.channel, prefetch: c.prefetch, ackRequired: c.ackRequired, active: c.active },
      })),
      backlog: q.ready + q.unacked,
      oldestSeconds: q.headMessageAt === null ? null : Math.max(0, (now - q.headMessageAt) / 1000),
      inRate: q.publishRate,
      // Acks when consumers acknowledge; deliveries when they consume with auto-ack.
      outRate: q.ackRate ?? q.deliverRate,
      details: {
        vhost: q.vhost,
        queue: q.name,
        ready: q.ready,
        unacked: q.unacked,
        publishRate: q.publishRate,
        deliverRate: q.deliverRate,
        ackRate: q.ackRate,
      },
    };
  });
}

export async function syncRabbit(target: ClusterTarget & { kind: "rabbitmq" }, _opts: { withConfigs: boolean }): Promise<SyncResult> {
  const started = performance.now();
  const observedAt = new Date();
  let snapshot: RabbitSnapshot;
  try {
    snapshot = await rabbit.readCatalog(target.connection, { withConfigs: true });
  } catch (e) {
    const error = rabbit.describeError(e, target.connection);
    await markClusterUnreachable(target.id, error, observedAt);
    return { ok: false, elapsedMs: performance.now() - started, topics: 0, groups: 0, error };
  }
  const dests = destinations(snapshot);
  await recordDestinations({ clusterId: target.id, observedAt, destinations: dests });
  const { hostname, port } = new URL(target.connection.managementUrl);
  await recordClusterSync({
    clusterId: target.id,
    observedAt,
    controllerId: null,
    brokers: snapshot.nodes.map((n, i) => ({ nodeId: i, host: n.host || hostname, port: Number(port) || 15672, rack: null })),
    elapsedMs: performance.now() - started,
    topicCount: dests.length,
    groupCount: snapshot.queues.length,
    warning: null,
  });
  await recordBrokerBacklog(target.id, "queue", backlogs(snapshot, observedAt.getTime()), observedAt);
  await refreshLagSummaries(target.id, observedAt);
  return { ok: true, elapsedMs: performance.now() - started, topics: dests.length, groups: snapshot.queues.length };
}

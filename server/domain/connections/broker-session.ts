// A connection's adapter bound to its settings: what the domain uses to read and send messages
// without knowing which broker it talks to. Destinations are named as the catalog names them
// (namespace and name); each adapter's own way of naming them stays here.
import {
  BROKER_ADAPTERS,
  type Landed,
  type OutgoingRecord,
  type PositionReader,
  type RawRecord,
  type ReadRecordResult,
} from "@/server/brokers";
import {
  addKafkaPartitions,
  commitGroupOffsets,
  createKafkaTopic,
  deleteKafkaTopic,
  allClientQuotas,
  offsetsAtTime,
  principalAcls,
  readGroupPosition,
  replaceTopicOverrides,
  topicAcls,
  topicOverrides,
  userClientQuotas,
  type AclAnswer,
  type GroupPosition,
  type QuotaAnswer,
} from "@/server/brokers/kafka";
import { rabbitDestination, type MovePick, type MoveResult } from "@/server/brokers/rabbitmq";
import type { TargetConnection } from "./cluster-connection";

export interface Destination {
  namespace: string;
  name: string;
}

export interface BrokerSession {
  kind: TargetConnection["kind"];
  /** false where the broker has no such operation yet (the UI says so instead of offering it) */
  canRedrive: boolean;
  readRecord(d: Destination, partition: number, offset: string): Promise<ReadRecordResult>;
  readTail(d: Destination, perPartition: number): Promise<RawRecord[]>;
  produce(d: Destination, records: OutgoingRecord[], perSecond?: number): Promise<Landed[] | void>;
  /** Queues without positions (RabbitMQ): take the picked messages of the first `window` off the
   *  queue, each confirmed into its target queue of the same namespace first. */
  moveMessages?(d: Destination, window: number, pick: (r: RawRecord) => MovePick | null): Promise<MoveResult>;
  /** Where messages are kept by position (Kafka): browse and search them; absent elsewhere. */
  openReader?(d: Destination): Promise<PositionReader>;
  /** Consumer groups with committed offsets (Kafka): read and move a group's position on a topic. */
  groupOffsets?: {
    read(groupId: string, topic: string): Promise<GroupPosition>;
    atTime(topic: string, at: number): Promise<Map<number, bigint>>;
    commit(groupId: string, topic: string, partitions: { partition: number; offset: bigint }[]): Promise<void>;
  };
  /** Access control lists, read only (Kafka). */
  acls?: { forTopic(topic: string): Promise<AclAnswer>; forPrincipal(principal: string): Promise<AclAnswer> };
  /** Client quotas, read only (Kafka): all of them, or those that can apply to one user. */
  quotas?: { all(): Promise<QuotaAnswer>; forUser(user: string): Promise<QuotaAnswer> };
  /** Topics made and changed from Eventplane (Kafka). */
  topicAdmin?: {
    create(t: { name: string; partitions: number; replicationFactor: number; configs: Record<string, string> }): Promise<void>;
    remove(name: string): Promise<void>;
    addPartitions(name: string, total: number): Promise<void>;
    overrides(name: string): Promise<Record<string, string>>;
    replaceOverrides(name: string, configs: Record<string, string>): Promise<void>;
  };
}

export function bindBroker(t: TargetConnection): BrokerSession {
  switch (t.kind) {
    case "rabbitmq": {
      const a = BROKER_ADAPTERS.rabbitmq;
      const dest = (d: Destination) => rabbitDestination(d.namespace || "/", d.name);
      return {
        kind: t.kind,
        canRedrive: true,
        readRecord: (d, p, o) => a.readRecord(t.connection, dest(d), p, o),
        readTail: (d, n) => a.readTail(t.connection, dest(d), n),
        produce: (d, r, s) => a.produce(t.connection, dest(d), r, s),
        moveMessages: (d, w, pick) => a.moveMessages(t.connection, dest(d), w, pick),
      };
    }
    case "nats": {
      const a = BROKER_ADAPTERS.nats;
      return {
        kind: t.kind,
        canRedrive: false,
        readRecord: (d, p, o) => a.readRecord(t.connection, d.name, p, o),
        readTail: (d, n) => a.readTail(t.connection, d.name, n),
        produce: (d, r, s) => a.produce(t.connection, d.name, r, s),
      };
    }
    default: {
      const a = BROKER_ADAPTERS.kafka;
      return {
        kind: t.kind,
        canRedrive: true,
        readRecord: (d, p, o) => a.readRecord(t.connection, d.name, p, o),
        readTail: (d, n) => a.readTail(t.connection, d.name, n),
        produce: (d, r, s) => a.produce(t.connection, d.name, r, s),
        openReader: (d) => a.openReader(t.connection, d.name),
        groupOffsets: {
          read: (g, topic) => readGroupPosition(t.connection, g, topic),
          atTime: (topic, at) => offsetsAtTime(t.connection, topic, at),
          commit: (g, topic, partitions) => commitGroupOffsets(t.connection, g, topic, partitions),
        },
        acls: { forTopic: (topic) => topicAcls(t.connection, topic), forPrincipal: (p) => principalAcls(t.connection, p) },
        quotas: { all: () => allClientQuotas(t.connection), forUser: (user) => userClientQuotas(t.connection, user) },
        topicAdmin: {
          create: (topic) => createKafkaTopic(t.connection, topic),
          remove: (name) => deleteKafkaTopic(t.connection, name),
          addPartitions: (name, total) => addKafkaPartitions(t.connection, name, total),
          overrides: (name) => topicOverrides(t.connection, name),
          replaceOverrides: (name, configs) => replaceTopicOverrides(t.connection, name, configs),
        },
      };
    }
  }
}

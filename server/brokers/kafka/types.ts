// What the Kafka adapter answers with: plain data, no kafkajs types, so the client library can be
// swapped (kafkajs has been looking for maintainers since 2023).

export interface ClusterConnection {
  bootstrapServers: string[];
  clientId: string;
  tls: boolean;
  sasl?: { mechanism: "plain" | "scram-sha-256" | "scram-sha-512"; username: string; password: string };
}

export interface BrokerInfo {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}
export interface PartitionInfo {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  startOffset: bigint;
  endOffset: bigint;
  /** last stable offset: where a read_committed consumer stops while a transaction is open (= endOffset otherwise) */
  stableOffset: bigint;
}
export interface ConfigEntry {
  name: string;
  value: string | null;
  isDefault: boolean;
  source: string;
  sensitive: boolean;
}
export interface TopicInfo {
  name: string;
  internal: boolean;
  partitions: PartitionInfo[];
  configs?: ConfigEntry[];
}
export interface GroupMemberInfo {
  memberId: string;
  clientId: string;
  host: string;
  assignments: { topic: string; partitions: number[] }[];
}
export interface GroupInfo {
  groupId: string;
  state: string;
  protocolType: string | null;
  protocol: string | null;
  members: GroupMemberInfo[];
  /** null when they could not be read this time (coordinator loading or moving): keep what we had. */
  offsets: { topic: string; partition: number; committed: bigint }[] | null;
}
export interface CatalogSnapshot {
  controllerId: number | null;
  brokers: BrokerInfo[];
  topics: TopicInfo[];
  /** null when the group coordinator could not answer this time (e.g. still loading after a restart). */
  groups: GroupInfo[] | null;
  /** Why part of the snapshot is missing, for the cluster's status line. */
  warning: string | null;
}

export type { RawRecord } from "../types";

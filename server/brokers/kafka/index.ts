// The Kafka adapter: everything Eventplane does with a Kafka cluster, as plain data in and out.
import type { BrokerAdapter } from "../types";
import { readCatalog } from "./catalog";
import { KAFKA_DEAD_LETTER_NAMES } from "./conventions";
import { produceRecords } from "./produce";
import { openKafkaReader } from "./fetch-range";
import { readRecord, readTail } from "./records";
import { describeKafkaError, testKafka } from "./test-connection";
import type { CatalogSnapshot, ClusterConnection } from "./types";

export * from "./types";
export type { OutgoingRecord, ReadRecordResult } from "../types";
export { createKafka, withAdmin } from "./client";
export { describeBrokers, readCatalog } from "./catalog";
export { readRecord, readTail } from "./records";
export { produceRecords } from "./produce";
export { readGroupPosition, offsetsAtTime, commitGroupOffsets, type GroupPosition } from "./group-offsets";
export { topicAcls, principalAcls, type AclAnswer, type AclRow } from "./acls";
export { allClientQuotas, userClientQuotas, entityLabel, type QuotaAnswer, type QuotaEntry } from "./quotas";
export { createKafkaTopic, deleteKafkaTopic, addKafkaPartitions, topicOverrides, replaceTopicOverrides } from "./manage-topics";
export { describeKafkaError } from "./test-connection";
export { KAFKA_DEAD_LETTER_NAMES } from "./conventions";

export const kafkaAdapter: BrokerAdapter<ClusterConnection, CatalogSnapshot> & { openReader: typeof openKafkaReader } = {
  kind: "kafka",
  spanSystems: ["kafka", "eventhubs"],
  deadLetterNames: KAFKA_DEAD_LETTER_NAMES,
  test: testKafka,
  describeError: describeKafkaError,
  readCatalog,
  readRecord: (conn, topic, partition, offset) => readRecord(conn, topic, partition, offset),
  readTail: (conn, topic, perPartition) => readTail(conn, topic, perPartition),
  produce: produceRecords,
  openReader: openKafkaReader,
};

// The Kafka adapter: everything Eventplane does with a Kafka cluster, as plain data in and out.
export * from "./types";
export { createKafka, withAdmin } from "./client";
export { describeBrokers, readCatalog } from "./catalog";
export { readRecord, readTail, type ReadRecordResult } from "./records";
export { produceRecords, type OutgoingRecord } from "./produce";

// The broker adapters by kind. Domain code that works for every broker asks here; code that is
// Kafka's alone (consumer-group offsets, partitions) imports server/brokers/kafka.
import { kafkaAdapter } from "./kafka";
import { natsAdapter } from "./nats";
import { rabbitAdapter } from "./rabbitmq";
export type {
  BrokerAdapter,
  BrokerKind,
  RawRecord,
  OutgoingRecord,
  ReadRecordResult,
  ConnectionCheck,
  PositionReader,
  Landed,
} from "./types";

export const BROKER_ADAPTERS = { kafka: kafkaAdapter, rabbitmq: rabbitAdapter, nats: natsAdapter } as const;

// The contract every broker adapter keeps. An adapter speaks one broker's protocols and answers plain
// data; the domain decides what the data means. Kafka implements it today (server/brokers/kafka);
// RabbitMQ (management HTTP API + AMQP) and NATS JetStream (the JetStream API over NATS) implement
// the same contract with their own connection settings and catalog snapshot shapes. A cloud bus
// (Event Hubs through its Kafka endpoint, Pub/Sub, EventBridge) is one more folder beside them.

export type BrokerKind = "kafka" | "rabbitmq" | "nats";

/** A message as read from a broker, before anyone decodes it. `partition`/`offset` are the broker's
 *  position (Kafka partition and offset; a JetStream stream sequence with partition 0). */
export interface RawRecord {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer[]>;
  /** Where positions are not stable (a RabbitMQ queue: the head moves as messages are taken), the
   *  message's identity from its content, the same on every read while it stays in the queue. */
  id?: string;
}

export type OutgoingRecord = {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | string>;
  /** Kafka: the partition to write to (default: the producer's partitioner by key) */
  partition?: number;
};

/** Where a send landed, where the broker says (Kafka: each request's partition and first offset). */
export type Landed = { partition: number; offset: string };

export type ReadRecordResult =
  { status: "ok"; record: RawRecord } | { status: "out-of-range"; low: string; high: string } | { status: "timeout" };

/** A destination read by position, for browsing and searching: Kafka partitions by offset (a
 *  JetStream stream would be one partition by sequence). Positions are bigint offsets. */
export interface PositionReader {
  /** each partition's first offset and the offset after its last */
  partitions(): Promise<{ partition: number; low: bigint; high: bigint }[]>;
  /** the first offset written at or after `at` (ms since the epoch); the partition's end when none */
  offsetForTime(partition: number, at: number): Promise<bigint>;
  /** records from `from` on, about `maxBytes` of them; `next` is where to go on (`from` when nothing more is readable now) */
  read(partition: number, from: bigint, maxBytes: number): Promise<{ records: RawRecord[]; next: bigint }>;
  close(): Promise<void>;
}

/** What answered a connection test (Kafka brokers; RabbitMQ nodes; NATS servers). */
export interface ConnectionCheck {
  ok: boolean;
  error: string | null;
  brokers: { nodeId: number; host: string; port: number }[];
  controllerId: number | null;
  elapsedMs: number;
}

export interface BrokerAdapter<Connection, Snapshot> {
  readonly kind: BrokerKind;
  /** `messaging.system` values of the spans that describe this broker's traffic */
  readonly spanSystems: readonly string[];
  /** Names that mark a destination as a dead-letter queue by convention of this broker's ecosystem
   *  (globs, "*" only); the dead-letters context applies them. */
  readonly deadLetterNames: readonly string[];
  /** One quick attempt, no retries: a person is waiting for the answer. */
  test(conn: Connection): Promise<ConnectionCheck>;
  /** A failure in words a platform engineer acts on (unreachable, authentication, other). */
  describeError(e: unknown, conn: Connection): string;
  /** Everything the catalog shows, in one consistent read. */
  readCatalog(conn: Connection, opts: { withConfigs: boolean }): Promise<Snapshot>;
  /** One message at a position. */
  readRecord(conn: Connection, destination: string, partition: number, offset: string): Promise<ReadRecordResult>;
  /** The newest `perPartition` messages of every partition of a destination. */
  readTail(conn: Connection, destination: string, perPartition: number): Promise<RawRecord[]>;
  /** Sends messages, at most `perSecond` a second (a redrive must not flood a consumer that just recovered). */
  produce(conn: Connection, destination: string, records: OutgoingRecord[], perSecond?: number): Promise<Landed[] | void>;
  /** Where the broker keeps messages by position (Kafka): a reader for browsing and searching. */
  openReader?(conn: Connection, destination: string): Promise<PositionReader>;
}

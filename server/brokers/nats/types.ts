// What the NATS JetStream adapter answers with: plain data read through the JetStream API.

export interface NatsConnection {
  /** nats://host:port (tls://host:port for TLS) */
  servers: string[];
  auth:
    | { method: "none" }
    | { method: "token"; token: string }
    | { method: "plain"; user: string; pass: string }
    | { method: "nkey"; seed: string }
    | { method: "creds"; creds: string };
  tls: boolean;
}

export interface JetStreamStream {
  name: string;
  subjects: string[];
  retention: string;
  storage: string;
  replicas: number;
  messages: number;
  bytes: number;
  firstSeq: number;
  lastSeq: number;
  consumerCount: number;
}

export interface JetStreamConsumer {
  stream: string;
  name: string;
  durable: boolean;
  filterSubjects: string[];
  ackPolicy: string;
  maxDeliver: number;
  /** num_pending: not yet delivered */
  pending: number;
  /** num_ack_pending: delivered, not acknowledged */
  ackPending: number;
  redelivered: number;
  /** pull requests waiting */
  waiting: number;
  pushBound: boolean;
  deliveredStreamSeq: number;
  ackFloorStreamSeq: number;
  /** when a message was last delivered, ms since the epoch */
  lastActiveAt: number | null;
}

export interface NatsSnapshot {
  server: { id: string; name: string; version: string; host: string; port: number };
  streams: JetStreamStream[];
  consumers: JetStreamConsumer[];
}

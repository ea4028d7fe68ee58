// What the RabbitMQ adapter answers with: plain data read from the management HTTP API.

export interface RabbitConnection {
  /** the management API's origin (http(s)://host:port), without credentials */
  managementUrl: string;
  /** AMQP for reading and redriving (amqp(s)://host:port), without credentials */
  amqpUrl: string;
  username: string;
  password: string;
}

export interface RabbitQueue {
  vhost: string;
  name: string;
  /** "classic" | "quorum" | "stream" */
  type: string;
  durable: boolean;
  autoDelete: boolean;
  exclusive: boolean;
  arguments: Record<string, unknown>;
  policy: string | null;
  /** x-dead-letter-exchange from the queue's arguments or its effective policy; null when none */
  deadLetterExchange: string | null;
  deadLetterRoutingKey: string | null;
  ready: number;
  unacked: number;
  consumers: number;
  /** when the oldest message was published (publishers that set timestamps), ms since the epoch */
  headMessageAt: number | null;
  publishRate: number | null;
  deliverRate: number | null;
  ackRate: number | null;
}

export interface RabbitExchange {
  vhost: string;
  name: string;
  type: string;
  durable: boolean;
  internal: boolean;
  publishInRate: number | null;
}

export interface RabbitBinding {
  vhost: string;
  source: string;
  destination: string;
  destinationType: "queue" | "exchange";
  routingKey: string;
}

export interface RabbitConsumer {
  vhost: string;
  queue: string;
  tag: string;
  channel: string;
  connection: string;
  peerHost: string;
  ackRequired: boolean;
  prefetch: number;
  active: boolean;
}

export interface RabbitSnapshot {
  version: string;
  nodes: { name: string; host: string }[];
  vhosts: string[];
  exchanges: RabbitExchange[];
  queues: RabbitQueue[];
  bindings: RabbitBinding[];
  consumers: RabbitConsumer[];
}

// What a journey is made of: spans from one or more traces, joined by parent ids and span links.

export type JourneySpan = {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: number;
  service: string;
  startNs: bigint;
  endNs: bigint;
  statusCode: number;
  /** messaging.system: kafka, rabbitmq, nats… */
  msgSystem?: string | null;
  msgOperation: string | null;
  msgDestination: string | null;
  msgGroup: string | null;
  msgKey: string | null;
  msgPartition: number | null;
  msgOffset: bigint | null;
  links: { traceId: string; spanId: string }[];
};

/** The time a message waited between its producer's send and a consumer's receive/process. */
export type Hop = {
  producerKey: string;
  /** the broker the message crossed (messaging.system) */
  system: string | null;
  topic: string | null;
  group: string;
  /** Offset of the producer span's end from the journey start, in ms. */
  dwellStartMs: number;
  dwellMs: number;
  /** The consumer started before the producer ended: clocks of the two services disagree. */
  skewed: boolean;
};

export type JourneyRow = {
  key: string;
  traceId: string;
  spanId: string;
  parentKey: string | null;
  depth: number;
  /** How the row hangs under its parent: a parent id, a span link (another trace), or not at all. */
  via: "root" | "parent" | "link";
  name: string;
  service: string;
  kind: number;
  statusCode: number;
  startMs: number;
  durationMs: number;
  childCount: number;
  critical: boolean;
  messaging: {
    system: string | null;
    operation: string | null;
    destination: string | null;
    group: string | null;
    key: string | null;
    partition: number | null;
    offset: string | null;
  } | null;
  hop: Hop | null;
};

export type Journey = {
  rows: JourneyRow[];
  startNs: string;
  durationMs: number;
  traceIds: string[];
  services: string[];
  topics: string[];
  hops: number;
  truncated: boolean;
};

export const spanKey = (traceId: string, spanId: string) => `${traceId}-${spanId}`;

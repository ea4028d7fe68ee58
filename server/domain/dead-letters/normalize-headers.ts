// Dead-letter record headers → one shape, whoever wrote them: Kafka Connect (`__connect.errors.*`,
// UTF-8), Spring Kafka's DeadLetterPublishingRecoverer (`kafka_dlt-*`) and its non-blocking retries
// (`kafka_original-*`, `kafka_exception-*`) — partition as a 4-byte and offset/timestamp as 8-byte
// big-endian integers — Kafka Streams (`__streams.errors.*`, KIP-1034), and RabbitMQ's `x-death`
// (newest first: queue, reason, count, exchange, routing keys, time; the adapter hands it over as JSON).

/** How records with no recognised exception header are grouped. */
export const NO_EXCEPTION_HEADER = "(no exception header)";

export type DeadLetterFamily = "connect" | "spring" | "spring-retry" | "streams" | "rabbitmq";

export type DeadLetterInfo = {
  family: DeadLetterFamily | null;
  originalTopic: string | null;
  originalPartition: number | null;
  originalOffset: string | null;
  consumerGroup: string | null;
  exceptionClass: string | null;
  exceptionMessage: string | null;
  /** When the original record was written (Spring), as ms since the epoch. */
  originalTimestamp: number | null;
  /** Header names that describe the failure: dropped when the record is sent back (redrive). */
  errorHeaders: string[];
};

type Headers = Record<string, Buffer[]>;

const text = (b: Buffer | undefined) => (b ? b.toString("utf8") : null);

/** Spring writes numbers as big-endian binary; some producers (and Connect) as decimal text. Accept both. */
function int(b: Buffer | undefined, bytes: 4 | 8): string | null {
  if (!b) return null;
  const s = b.toString("utf8");
  if (/^-?\d+$/.test(s)) return s;
  if (b.length === bytes) return bytes === 4 ? String(b.readInt32BE(0)) : b.readBigInt64BE(0).toString();
  return null;
}

const FAMILIES: { family: DeadLetterFamily; test: RegExp; drop: RegExp }[] = [
  { family: "connect", test: /^__connect\.errors\./, drop: /^__connect\.errors\./ },
  { family: "streams", test: /^__streams\.errors\./, drop: /^__streams\.errors\./ },
  {
    family: "spring-retry",
    test: /^kafka_(original|exception)-/,
    drop: /^(kafka_(original|exception|key-exception)-|kafka_dlt-|retry_topic-)/,
  },
  { family: "spring", test: /^kafka_dlt-/, drop: /^kafka_dlt-/ },
  { family: "rabbitmq", test: /^x-death$/, drop: /^x-(death|first-death-.*|last-death-.*)$/ },
];

type XDeath = { queue?: string; reason?: string; count?: number; exchange?: string; "routing-keys"?: string[]; time?: number | string };

function xDeath(b: Buffer | undefined): XDeath | null {
  try {
    const v = JSON.parse(b?.toString("utf8") ?? "null") as unknown;
    const first = Array.isArray(v) ? v[0] : null;
    return first && typeof first === "object" ? (first as XDeath) : null;
  } catch {
    return null;
  }
}

export function normalizeDeadLetterHeaders(headers: Headers): DeadLetterInfo {
  const names = Object.keys(headers);
  const first = (name: string) => headers[name]?.[0];
  const family = FAMILIES.find((f) => names.some((n) => f.test.test(n)));
  const errorHeaders = family ? names.filter((n) => family.drop.test(n)) : [];
  const base = { family: family?.family ?? null, errorHeaders };
  switch (family?.family) {
    case "connect":
      return {
        ...base,
        originalTopic: text(first("__connect.errors.topic")),
        originalPartition: numberOrNull(int(first("__connect.errors.partition"), 4)),
        originalOffset: int(first("__connect.errors.offset"), 8),
        // A sink connector's consumer group is connect-<connector name>.
        consumerGroup: first("__connect.errors.connector.name") ? `connect-${text(first("__connect.errors.connector.name"))}` : null,
        exceptionClass: text(first("__connect.errors.exception.class.name")),
        exceptionMessage: text(first("__connect.errors.exception.message")),
        originalTimestamp: null,
      };
    case "streams":
      return {
        ...base,
        originalTopic: text(first("__streams.errors.topic")),
        originalPartition: numberOrNull(int(first("__streams.errors.partition"), 4)),
        originalOffset: int(first("__streams.errors.offset"), 8),
        consumerGroup: null,
        exceptionClass: text(first("__streams.errors.exception")),
        exceptionMessage: text(first("__streams.errors.message")),
        originalTimestamp: null,
      };
    case "spring":
    case "spring-retry": {
      const p = family.family === "spring" ? "kafka_dlt-original-" : "kafka_original-";
      const e = family.family === "spring" ? "kafka_dlt-exception-" : "kafka_exception-";
      // Retry topics are <topic>-retry[-N]: the record's real origin is the topic without the suffix.
      const topic = text(first(`${p}topic`))?.replace(/-retry(-\d+)?$/, "") ?? null;
      return {
        ...base,
        originalTopic: topic,
        originalPartition: numberOrNull(int(first(`${p}partition`), 4)),
        originalOffset: int(first(`${p}offset`), 8),
        consumerGroup: text(first("kafka_dlt-original-consumer-group")),
        exceptionClass: text(first(`${e}fqcn`)),
        exceptionMessage: text(first(`${e}message`)),
        originalTimestamp: numberOrNull(int(first(`${p}timestamp`), 8)),
      };
    }
    case "rabbitmq": {
      // The newest death: where the message last failed, why, how often; its exchange and routing
      // keys are where a redrive sends it back.
      const d = xDeath(first("x-death"));
      const keys = d?.["routing-keys"] ?? [];
      const time = typeof d?.time === "number" ? d.time * 1000 : typeof d?.time === "string" ? Date.parse(d.time) : NaN;
      return {
        ...base,
        originalTopic: d?.queue ?? text(first("x-first-death-queue")),
        originalPartition: null,
        originalOffset: null,
        consumerGroup: null,
        exceptionClass: d?.reason ?? text(first("x-first-death-reason")),
        exceptionMessage: d
          ? `${d.reason ?? "dead-lettered"} ${d.count ?? 1}× in ${d.queue ?? "?"} (exchange "${d.exchange ?? ""}", routing key${keys.length === 1 ? "" : "s"} ${keys.join(", ") || "none"})`
          : null,
        originalTimestamp: Number.isFinite(time) ? time : null,
      };
    }
    default:
      return {
        ...base,
        originalTopic: null,
        originalPartition: null,
        originalOffset: null,
        consumerGroup: null,
        exceptionClass: null,
        exceptionMessage: null,
        originalTimestamp: null,
      };
  }
}

function numberOrNull(s: string | null): number | null {
  return s === null ? null : Number(s);
}

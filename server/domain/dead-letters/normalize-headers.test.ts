import { describe, expect, it } from "vitest";
import { normalizeDeadLetterHeaders } from "./normalize-headers";
import { int32, int64 } from "@/test/binary";

const h = (o: Record<string, string | Buffer>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, [Buffer.isBuffer(v) ? v : Buffer.from(v)]]));

describe("dead-letter header normalisation", () => {
  it("reads Spring's DeadLetterPublishingRecoverer headers, binary integers included", () => {
    const info = normalizeDeadLetterHeaders(
      h({
        "kafka_dlt-original-topic": "orders",
        "kafka_dlt-original-partition": int32(3),
        "kafka_dlt-original-offset": int64(9_007_199_254_740_993n),
        "kafka_dlt-original-timestamp": int64(1_700_000_000_123n),
        "kafka_dlt-original-consumer-group": "billing",
        "kafka_dlt-exception-fqcn": "com.shop.PaymentDeclinedException",
        "kafka_dlt-exception-message": "card declined",
        traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      }),
    );
    expect(info).toEqual({
      family: "spring",
      originalTopic: "orders",
      originalPartition: 3,
      // Beyond 2^53: kept exact as a string.
      originalOffset: "9007199254740993",
      consumerGroup: "billing",
      exceptionClass: "com.shop.PaymentDeclinedException",
      exceptionMessage: "card declined",
      originalTimestamp: 1_700_000_000_123,
      errorHeaders: [
        "kafka_dlt-original-topic",
        "kafka_dlt-original-partition",
        "kafka_dlt-original-offset",
        "kafka_dlt-original-timestamp",
        "kafka_dlt-original-consumer-group",
        "kafka_dlt-exception-fqcn",
        "kafka_dlt-exception-message",
      ],
    });
  });

  it("reads Spring's retry-topic family and strips the -retry suffix", () => {
    const info = normalizeDeadLetterHeaders(
      h({
        "kafka_original-topic": "payments-retry-2",
        "kafka_original-partition": int32(0),
        "kafka_original-offset": int64(17n),
        "kafka_exception-fqcn": "java.net.SocketTimeoutException",
        "kafka_exception-message": "timeout",
        "kafka_dlt-original-consumer-group": "payer",
        "retry_topic-attempts": int32(3),
      }),
    );
    expect(info).toMatchObject({
      family: "spring-retry",
      originalTopic: "payments",
      originalPartition: 0,
      originalOffset: "17",
      consumerGroup: "payer",
      exceptionClass: "java.net.SocketTimeoutException",
    });
    expect(info.errorHeaders).toContain("retry_topic-attempts");
  });

  it("reads Kafka Connect and Kafka Streams headers (UTF-8 numbers)", () => {
    expect(
      normalizeDeadLetterHeaders(
        h({
          "__connect.errors.topic": "clicks",
          "__connect.errors.partition": "2",
          "__connect.errors.offset": "1234",
          "__connect.errors.connector.name": "s3-sink",
          "__connect.errors.exception.class.name": "org.apache.kafka.connect.errors.DataException",
          "__connect.errors.exception.message": "Converting byte[] to Kafka Connect data failed",
        }),
      ),
    ).toMatchObject({
      family: "connect",
      originalTopic: "clicks",
      originalPartition: 2,
      originalOffset: "1234",
      consumerGroup: "connect-s3-sink",
      exceptionClass: "org.apache.kafka.connect.errors.DataException",
    });
    expect(
      normalizeDeadLetterHeaders(
        h({
          "__streams.errors.topic": "input",
          "__streams.errors.partition": "1",
          "__streams.errors.offset": "5",
          "__streams.errors.exception": "org.apache.kafka.common.errors.SerializationException",
          "__streams.errors.message": "bad",
        }),
      ),
    ).toMatchObject({
      family: "streams",
      originalTopic: "input",
      originalPartition: 1,
      originalOffset: "5",
      exceptionClass: "org.apache.kafka.common.errors.SerializationException",
    });
  });

  it("says so when a record carries no known dead-letter headers", () => {
    expect(normalizeDeadLetterHeaders(h({ traceparent: "x" }))).toMatchObject({
      family: null,
      originalTopic: null,
      exceptionClass: null,
      errorHeaders: [],
    });
  });
});

describe("RabbitMQ x-death", () => {
  const h = (v: unknown) => [Buffer.from(typeof v === "string" ? v : JSON.stringify(v))];
  it("reads the newest death: queue, reason, count, exchange and routing keys", () => {
    const info = normalizeDeadLetterHeaders({
      "x-death": h([
        { count: 3, reason: "rejected", queue: "emails", time: 1_700_000_000, exchange: "notifications", "routing-keys": ["email.send"] },
        { count: 1, reason: "expired", queue: "emails.retry", time: 1_699_999_000, exchange: "", "routing-keys": ["emails.retry"] },
      ]),
      "x-first-death-queue": h("emails.retry"),
      "x-first-death-reason": h("expired"),
      "x-first-death-exchange": h(""),
      "trace-id": h("keep me"),
    });
    expect(info).toMatchObject({
      family: "rabbitmq",
      originalTopic: "emails",
      exceptionClass: "rejected",
      originalTimestamp: 1_700_000_000_000,
      exceptionMessage: 'rejected 3× in emails (exchange "notifications", routing key email.send)',
    });
    expect(info.errorHeaders.sort()).toEqual(["x-death", "x-first-death-exchange", "x-first-death-queue", "x-first-death-reason"]);
  });
  it("falls back to the x-first-death headers when x-death is not readable", () => {
    const info = normalizeDeadLetterHeaders({
      "x-death": h("not json"),
      "x-first-death-queue": h("emails"),
      "x-first-death-reason": h("maxlen"),
    });
    expect(info).toMatchObject({ family: "rabbitmq", originalTopic: "emails", exceptionClass: "maxlen", exceptionMessage: null });
  });
});

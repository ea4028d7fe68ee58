import { describe, expect, it } from "vitest";
import { messagingFields, normalizeAttributes } from "./messaging";
import { SPAN_KIND } from "./span-types";

describe("messaging attributes", () => {
  it("maps the deprecated Kafka names to current semantic conventions", () => {
    const attrs = normalizeAttributes({
      "messaging.system": "kafka",
      "messaging.destination": "orders",
      "messaging.operation": "publish",
      "messaging.kafka.consumer.group": "billing",
      "messaging.kafka.destination.partition": 3,
      "messaging.kafka.message.offset": 42,
      "messaging.client_id": "svc-1",
    });
    expect(attrs).toEqual({
      "messaging.system": "kafka",
      "messaging.destination.name": "orders",
      "messaging.operation.type": "publish",
      "messaging.consumer.group.name": "billing",
      "messaging.destination.partition.id": "3",
      "messaging.kafka.offset": 42,
      "messaging.client.id": "svc-1",
    });
    expect(messagingFields(attrs, SPAN_KIND.PRODUCER)).toEqual({
      system: "kafka",
      operation: "send",
      destination: "orders",
      consumerGroup: "billing",
      messageKey: null,
      partition: 3,
      offset: 42n,
    });
  });

  it("keeps the current name when a span carries both", () => {
    const attrs = normalizeAttributes({ "messaging.consumer.group.name": "new", "messaging.kafka.consumer.group": "old" });
    expect(attrs).toEqual({ "messaging.consumer.group.name": "new" });
  });

  it("infers the operation from the span kind, and leaves non-messaging spans alone", () => {
    expect(messagingFields({ "messaging.system": "kafka", "messaging.destination.name": "t" }, SPAN_KIND.CONSUMER).operation).toBe(
      "process",
    );
    expect(messagingFields({ "messaging.system": "kafka", "messaging.operation.type": "deliver" }, SPAN_KIND.CLIENT).operation).toBe(
      "process",
    );
    expect(messagingFields({ "http.method": "GET" }, SPAN_KIND.SERVER)).toMatchObject({ system: null, operation: null });
    const untouched = { "http.method": "GET" };
    expect(normalizeAttributes(untouched)).toBe(untouched);
  });
});

describe("RabbitMQ destinations", () => {
  const fields = (attrs: Record<string, string>, kind: number) => messagingFields({ "messaging.system": "rabbitmq", ...attrs }, kind);
  it("a producer's destination is its exchange", () => {
    expect(fields({ "messaging.destination.name": "notifications:email.send" }, SPAN_KIND.PRODUCER)).toMatchObject({
      destination: "notifications",
      consumerGroup: null,
    });
  });
  it("through the default exchange, the queue its routing key names", () => {
    expect(fields({ "messaging.destination.name": "amq.default:emails" }, SPAN_KIND.PRODUCER).destination).toBe("emails");
    expect(fields({ "messaging.destination.name": "emails" }, SPAN_KIND.PRODUCER).destination).toBe("emails");
    expect(fields({ "messaging.destination.name": ":emails" }, SPAN_KIND.PRODUCER).destination).toBe("emails");
  });
  it("a consumer's destination and group are the queue, in the current and the older forms", () => {
    expect(fields({ "messaging.destination.name": "notifications:email.send:emails" }, SPAN_KIND.CONSUMER)).toMatchObject({
      destination: "emails",
      consumerGroup: "emails",
    });
    expect(fields({ "messaging.destination.name": "notifications:emails" }, SPAN_KIND.CONSUMER)).toMatchObject({ destination: "emails" });
    expect(fields({ "messaging.destination.name": "emails" }, SPAN_KIND.CONSUMER)).toMatchObject({ destination: "emails" });
  });
  it("keeps a consumer group the span names itself", () => {
    expect(
      fields({ "messaging.destination.name": "x:y:emails", "messaging.consumer.group.name": "mailers" }, SPAN_KIND.CONSUMER).consumerGroup,
    ).toBe("mailers");
  });
});

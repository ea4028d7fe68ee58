import { describe, expect, it } from "vitest";
import { dlqMatcher } from "./dead-letter-names";

describe("dlqMatcher", () => {
  const isDlq = dlqMatcher();
  it.each(["orders.DLQ", "orders-dlq", "payments.DLT", "payments-dlt", "dlq-orders", "orders_deadletter", "billing.dead-letter.v1"])(
    "recognises %s",
    (name) => expect(isDlq(name)).toBe(true),
  );
  it.each(["orders", "dlqueue", "orders-retry-0", "adlt", "__consumer_offsets"])("leaves %s alone", (name) =>
    expect(isDlq(name)).toBe(false),
  );
  it("takes other patterns, treating regex characters literally", () => {
    const custom = dlqMatcher(["errors.*", "*+failed"]);
    expect(custom("errors.orders")).toBe(true);
    expect(custom("errorsXorders")).toBe(false);
    expect(custom("orders+failed")).toBe(true);
    expect(custom("orders.DLQ")).toBe(false);
  });
});

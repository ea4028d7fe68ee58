// The record checks' conclusions on records made by hand: limits, majorities and the one-partition case.
import { describe, expect, it } from "vitest";
import { CheckRules } from "@/server/domain/policies";
import type { SampledRecord } from "@/server/domain/records";
import { commandEventTypes, keylessWithAggregate, missingEnvelope, payloadSizes } from "./record-facts";

const rules = CheckRules.parse({});
const rec = (offset: number, value: unknown, over: Partial<SampledRecord> = {}): SampledRecord => ({
  partition: 0,
  offset: String(offset),
  timestamp: "0",
  size: 100,
  hasKey: false,
  format: "json",
  value,
  ...over,
});

describe("record facts", () => {
  it("flags records near the topic's own limit even under the policy's size", () => {
    const records = [rec(0, {}, { size: 900_000 }), rec(1, {}, { size: 10 })];
    expect(payloadSizes(records, rules.largePayloads, null)).toBeNull();
    expect(payloadSizes(records, rules.largePayloads, 1_000_000)).toMatchObject({ nearLimit: true, over: 0, max: 900_000 });
  });

  it("says nothing of keyless records on one partition, or without an aggregate id", () => {
    const keyless = [rec(0, { aggregateId: "a" }), rec(1, { aggregateId: "b" })];
    expect(keylessWithAggregate(keyless, 1, rules.keylessOrdering)).toBeNull();
    expect(keylessWithAggregate([rec(0, { other: 1 })], 6, rules.keylessOrdering)).toBeNull();
    // aggregateId meets aggregate_id, as schemas in camelCase do.
    expect(keylessWithAggregate(keyless, 6, rules.keylessOrdering)).toMatchObject({ withAggregate: 2, field: "aggregate_id" });
  });

  it("reports an envelope field only when most JSON values lack it", () => {
    const records = [rec(0, { event_id: 1 }), rec(1, { event_id: 2, timestamp: 1 }), rec(2, { timestamp: 3 })];
    expect(missingEnvelope(records, ["event_id", "timestamp", "version"]).map((m) => [m.field, m.without])).toEqual([["version", 3]]);
  });

  it("names each event type written as a command once, with its records; facts and other fields pass", () => {
    const records = [
      rec(0, { event_type: "CreateOrder" }),
      rec(1, { event_type: "OrderCreated" }),
      rec(2, { event_type: "CreateOrder" }),
      rec(3, { event_type: "com.shop.billing.ChargeCard" }),
      rec(4, { type: "SendEmail" }),
    ];
    expect(commandEventTypes(records, "event_type")).toEqual([
      {
        type: "CreateOrder",
        reason: expect.stringContaining('"create"'),
        records: 2,
        examples: [
          { partition: 0, offset: "0" },
          { partition: 0, offset: "2" },
        ],
      },
      {
        type: "com.shop.billing.ChargeCard",
        reason: expect.stringContaining('"charge"'),
        records: 1,
        examples: [{ partition: 0, offset: "3" }],
      },
    ]);
  });
});

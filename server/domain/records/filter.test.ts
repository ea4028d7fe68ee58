import { describe, expect, it } from "vitest";
import { compileFilter, type FilterSubject } from "./filter";

const message = (over: Partial<FilterSubject> = {}): FilterSubject => ({
  key: "order-7",
  value: { order_id: "order-7", total: 12.5, items: [{ sku: "A-1", qty: 2 }], customer: { email: "ada@example.com" } },
  headers: new Map([["traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"]]),
  partition: 1,
  offset: "42",
  timestamp: Date.parse("2026-11-30T10:00:00Z"),
  size: 120,
  ...over,
});

describe("CEL filters", () => {
  it("see key, decoded value, headers, position, time and size", () => {
    const yes = [
      'value.order_id == "order-7"',
      "value.total > 10",
      'value.items.exists(i, i.sku == "A-1" && i.qty >= 2)',
      'key.startsWith("order-")',
      '"traceparent" in headers',
      "partition == 1 && offset >= 42",
      'timestamp > timestamp("2026-11-30T09:00:00Z")',
      "size < 1024",
      'value.customer.email.endsWith("@example.com")',
      "has(value.customer) && !has(value.refund)",
    ];
    for (const f of yes) expect(compileFilter(f)(message()), f).toBe(true);
    expect(compileFilter("value.total > 100")(message())).toBe(false);
  });

  it("run matches() on RE2, so a catastrophic pattern stays linear", () => {
    // A backtracking engine would not finish this in years (the test would time out); RE2 answers at once.
    const filter = compileFilter('value.order_id.matches("^(a+)+$")');
    expect(filter(message({ value: { order_id: `${"a".repeat(5_000)}!` } }))).toBe(false);
    expect(compileFilter('matches(key, "^order-[0-9]+$")')(message())).toBe(true);
    expect(compileFilter('key.matches("matches")')(message({ key: "x matches y" }))).toBe(true);
  });

  it("refuses what is not a filter, saying why", () => {
    expect(() => compileFilter("value.")).toThrow(/not valid CEL/);
    expect(() => compileFilter('"text"')).toThrow(/true or false/);
    expect(() => compileFilter("x".repeat(3_000))).toThrow(/at most 2000 characters/);
    expect(() => compileFilter("partition + 'a'")).toThrow(/type-check|not valid/);
  });
});

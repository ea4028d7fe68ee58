import { describe, expect, it } from "vitest";
import { resolveSubjects, subjectMatches } from "./resolve-subjects";

describe("NATS subjects", () => {
  it.each([
    ["orders.>", "orders.created", true],
    ["orders.>", "orders.eu.created", true],
    ["orders.>", "orders", false],
    ["orders.*", "orders.created", true],
    ["orders.*", "orders.eu.created", false],
    ["orders.created", "orders.created", true],
    ["orders.created", "orders.updated", false],
    ["*.created", "orders.created", true],
  ])("%s matches %s: %s", (pattern, subject, expected) => {
    expect(subjectMatches(pattern, subject)).toBe(expected);
  });

  it("draws a span's subject on the stream that captures it, and leaves names the catalog knows alone", () => {
    const edge = (topic: string, clusterId = "") => ({
      kind: "PRODUCES" as const,
      clusterId,
      service: "svc",
      topic,
      groupId: "",
      firstSeenAt: new Date(0),
      lastSeenAt: new Date(0),
    });
    const out = resolveSubjects(
      [edge("warehouse.pick"), edge("orders"), edge("other.subject"), edge("warehouse.pick", "c1")],
      [{ name: "WAREHOUSE", subjects: ["warehouse.>"] }],
      new Set(["orders"]),
    );
    expect(out.map((e) => e.topic)).toEqual(["WAREHOUSE", "orders", "other.subject", "warehouse.pick"]);
  });
});

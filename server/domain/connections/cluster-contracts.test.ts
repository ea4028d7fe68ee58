import { describe, expect, it } from "vitest";
import { BootstrapServers, ClusterInput } from "./cluster-contracts";

describe("BootstrapServers", () => {
  it("splits on commas and whitespace, and drops duplicates", () => {
    expect(BootstrapServers.parse(" b1:9092, b2:9093  b1:9092 ")).toEqual(["b1:9092", "b2:9093"]);
  });

  it("accepts IPv4 and bracketed IPv6 hosts", () => {
    expect(BootstrapServers.parse("10.0.0.1:9092,[::1]:9092")).toEqual(["10.0.0.1:9092", "[::1]:9092"]);
  });

  it.each([
    ["broker", '"broker" is not host:port'],
    ["broker:0", '"broker:0" is not host:port'],
    ["broker:70000", '"broker:70000" is not host:port'],
    [":9092", '":9092" is not host:port'],
    ["bad host:9092", '"bad" is not host:port'],
    ["http://broker:9092", '"http://broker:9092" is not host:port'],
  ])("rejects %j with a message naming the entry", (raw, message) => {
    const r = BootstrapServers.safeParse(raw);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain(message);
  });

  it("rejects an empty list", () => {
    expect(BootstrapServers.safeParse("   ").success).toBe(false);
  });
});

describe("ClusterInput", () => {
  it("requires a username when SASL is on", () => {
    const r = ClusterInput.safeParse({ name: "c", bootstrapServers: "b:9092", saslMechanism: "plain" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("SASL needs a username");
  });

  it("rejects names with spaces or slashes", () => {
    expect(ClusterInput.safeParse({ name: "prod eu", bootstrapServers: "b:9092" }).success).toBe(false);
    expect(ClusterInput.safeParse({ name: "prod/eu", bootstrapServers: "b:9092" }).success).toBe(false);
  });

  it("defaults client id, TLS and SASL", () => {
    expect(ClusterInput.parse({ name: "prod-eu", bootstrapServers: "b:9092" })).toMatchObject({
      clientId: "eventplane",
      tls: false,
      saslMechanism: "none",
    });
  });
});

import { describe, expect, it } from "vitest";
import { checkTarget, classify, parseAllowed } from "./target-guard";

describe("webhook target guard", () => {
  it("classifies addresses, IPv4-mapped IPv6 included", () => {
    expect(
      [
        "127.0.0.1",
        "::1",
        "::ffff:127.0.0.1",
        "10.1.2.3",
        "172.20.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "fe80::1",
        "fd00::1",
        "8.8.8.8",
        "2001:4860::8888",
      ].map(classify),
    ).toEqual([
      "loopback",
      "loopback",
      "loopback",
      "private",
      "private",
      "private",
      "link-local",
      "link-local",
      "private",
      "public",
      "public",
    ]);
  });

  it("sees through addresses that reach this host or embed an internal IPv4 (0.0.0.0, ::, NAT64, 6to4, mapped)", () => {
    expect(
      [
        "0.0.0.0",
        "0.1.2.3",
        "::",
        "64:ff9b::7f00:1",
        "64:ff9b::10.0.0.1",
        "2002:a9fe:a9fe::1",
        "::ffff:10.0.0.1",
        "64:ff9b::808:808",
        "224.0.0.1",
      ].map(classify),
    ).toEqual(["loopback", "loopback", "loopback", "loopback", "private", "link-local", "private", "public", "private"]);
  });

  it("refuses internal targets unless their class is allowed, and non-http schemes always", async () => {
    await expect(checkTarget("http://127.0.0.1:9/hook", new Set())).rejects.toThrow(
      "a loopback address; set WEBHOOK_ALLOW_TARGETS=loopback",
    );
    await expect(checkTarget("http://localhost:9/hook", new Set())).rejects.toThrow("loopback");
    await expect(checkTarget("http://169.254.169.254/latest/meta-data", parseAllowed("loopback"))).rejects.toThrow("link-local");
    await expect(checkTarget("file:///etc/passwd", parseAllowed("loopback,private,link-local"))).rejects.toThrow("only http and https");
    await expect(checkTarget("http://[::ffff:7f00:1]/", new Set())).rejects.toThrow("loopback");
    await expect(checkTarget("http://127.0.0.1:9/hook", parseAllowed("loopback"))).resolves.toBeUndefined();
    await expect(checkTarget("https://8.8.8.8/hook", new Set())).resolves.toBeUndefined();
  });
});

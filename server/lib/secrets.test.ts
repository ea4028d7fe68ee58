import { beforeAll, describe, expect, it } from "vitest";

beforeAll(() => {
  process.env.EVENTPLANE_SECRET_KEY = "unit-test-key";
});

describe("secrets", async () => {
  process.env.EVENTPLANE_SECRET_KEY = "unit-test-key";
  const { decryptSecret, encryptSecret } = await import("./secrets");

  it("round-trips and never stores the plain text", () => {
    const stored = encryptSecret("s3cr3t-password");
    expect(stored).not.toContain("s3cr3t");
    expect(decryptSecret(stored)).toBe("s3cr3t-password");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same")).not.toBe(encryptSecret("same"));
  });

  it("refuses a tampered ciphertext", () => {
    const [iv, tag, data] = encryptSecret("value").split(".");
    const flipped = Buffer.from(data!, "base64");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptSecret([iv, tag, flipped.toString("base64")].join("."))).toThrow();
  });
});

import { describe, expect, it } from "vitest";
import { DESCRIPTION_MAX, UpdateTopicMetadataInput } from "./topic-contracts";

const id = "6f1c1a2e-6a51-4d4e-9d0f-6a1b2c3d4e5f";

describe("UpdateTopicMetadataInput", () => {
  it("normalises tags: lower case, unique, sorted", () => {
    const r = UpdateTopicMetadataInput.parse({ id, ownerTeam: " payments ", description: "", tags: ["PII", "orders", "pii"] });
    expect(r).toEqual({ id, ownerTeam: "payments", description: null, tags: ["orders", "pii"] });
  });

  it("rejects a 1 MB description with a message that gives the limit", () => {
    const r = UpdateTopicMetadataInput.safeParse({ id, ownerTeam: null, description: "x".repeat(1024 * 1024), tags: [] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(`description: at most ${DESCRIPTION_MAX.toLocaleString("en")} characters`);
  });

  it("rejects tags with spaces and more than 20 tags", () => {
    expect(UpdateTopicMetadataInput.safeParse({ id, ownerTeam: null, description: null, tags: ["has space"] }).success).toBe(false);
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`);
    expect(UpdateTopicMetadataInput.safeParse({ id, ownerTeam: null, description: null, tags: many }).success).toBe(false);
  });
});

import { describe, expect, it } from "vitest";

// The env module reads the key when first imported: set it, then import.
process.env.EVENTPLANE_SECRET_KEY ??= "unit-test-key";
const { maskByPaths, parseMaskPath } = await import("./mask-paths");

const order = {
  id: "o-1",
  card: { number: "4111111111111111", holder: "Ada" },
  customer: { email: "ada@example.com", contact: { email: "ops@example.com", phone: "555" } },
  items: [
    { sku: "A", price: 10 },
    { sku: "B", price: 20 },
  ],
};
const mask = (paths: string[], style: "redact" | "last4" | "hash" = "redact") => maskByPaths(order, paths.map(parseMaskPath), style);

describe("masking by field path", () => {
  it("masks a field from the top, in every array element, every field of an object, and at any depth", () => {
    expect(mask(["$.card.number"])).toMatchObject({ card: { number: "****", holder: "Ada" }, id: "o-1" });
    expect((mask(["$.items[*].price"]) as typeof order).items).toEqual([
      { sku: "A", price: "****" },
      { sku: "B", price: "****" },
    ]);
    expect(mask(["$.card.*"])).toMatchObject({ card: { number: "****", holder: "****" } });
    expect(mask(["*.email"])).toMatchObject({ customer: { email: "****", contact: { email: "****", phone: "555" } } });
    expect(mask(["$.customer"])).toMatchObject({ customer: "****" });
  });

  it("keeps the last four characters, or a keyed digest equal values share", () => {
    expect(mask(["$.card.number"], "last4")).toMatchObject({ card: { number: "****1111" } });
    const a = mask(["*.email"], "hash") as typeof order;
    expect(a.customer.email).toMatch(/^hash:[0-9a-f]{16}$/);
    expect(a.customer.email).not.toBe(a.customer.contact.email);
    expect((mask(["*.email"], "hash") as typeof order).customer.email).toBe(a.customer.email);
  });

  it("leaves what the paths do not name, and the original untouched", () => {
    expect(mask(["$.nothing.here", "$.id.deeper"])).toEqual(order);
    mask(["*.email"]);
    expect(order.customer.email).toBe("ada@example.com");
  });

  it("refuses paths it cannot read", () => {
    expect(() => parseMaskPath("card.number")).toThrow(/starts with "\$\." .* or "\*\."/);
    expect(() => parseMaskPath("$.card..number")).toThrow(/is not a field name/);
    expect(() => parseMaskPath("$.ca(rd")).toThrow(/is not a field name/);
  });
});

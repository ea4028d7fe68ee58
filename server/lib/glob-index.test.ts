import { describe, expect, it } from "vitest";
import { GlobIndex } from "./glob-index";
import { globMatcher } from "./safe-regex";

describe("GlobIndex", () => {
  const names = [
    "orders",
    "orders-eu",
    "orders-us",
    "orders",
    "payments-eu",
    "Orders-eu",
    "",
    "o",
    "ordersX",
    "orders-eu-dlq",
    "a?c",
    "abc",
    "a*c",
    "zeta\u{1F600}",
    "zeta\uFFFF",
    "zeta",
    "Ω-orders",
  ];
  const items = names.map((name, position) => ({ name, position }));
  const index = new GlobIndex(items, (i) => i.name);
  const globs = [
    "orders",
    "orders*",
    "*",
    "",
    "*-eu",
    "orders-*-dlq",
    "orders*eu",
    "o*",
    "O*",
    "a?c",
    "a*c",
    "zeta*",
    "zeta\u{1F600}",
    "*\uFFFF",
    "nothing*",
    "Ω*",
    "orders-eu",
  ];

  it.each(globs)("finds what testing every name finds, in the given order: %j", (glob) => {
    const matches = globMatcher(glob);
    expect(index.matching(glob)).toEqual(items.filter((i) => matches(i.name)));
  });

  it("keeps every item of a repeated name", () => {
    expect(index.matching("orders").map((i) => i.position)).toEqual([0, 3]);
  });
});

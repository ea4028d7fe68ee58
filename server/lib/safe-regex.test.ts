import { describe, expect, it } from "vitest";
import { globMatcher, safeRegExp, UnsafePatternError } from "./safe-regex";

describe("globMatcher", () => {
  it("matches whole strings with * and ?, everything else literal", () => {
    const m = globMatcher("orders-*.v?");
    expect(m("orders-eu.v1")).toBe(true);
    expect(m("orders-.v2")).toBe(true);
    expect(m("xorders-eu.v1")).toBe(false);
    expect(m("orders-eu.v12")).toBe(false);
    expect(globMatcher("a.b")("axb")).toBe(false);
    expect(globMatcher("(x)|[y]+$")("(x)|[y]+$")).toBe(true);
    expect(globMatcher("*.DLQ", { caseInsensitive: true })("payments.dlq")).toBe(true);
    expect(globMatcher("*.DLQ")("payments.dlq")).toBe(false);
  });

  it("answers the plain-string forms (name, prefix*, *suffix, *) exactly as the general matcher does", () => {
    const globs = ["orders", "orders*", "*orders", "*", "ord*ers", "o*", "*s", "", "a?c*", "ab*ba"];
    // "aba" starts with "ab" and ends with "ba", but the two would overlap: no match.
    const texts = [
      "orders",
      "orders-eu",
      "eu-orders",
      "ordXers",
      "ord",
      "ers",
      "orders.orders",
      "",
      "abc",
      "abcd",
      "xbc",
      "o",
      "s",
      "aba",
      "abba",
    ];
    for (const glob of globs)
      for (const text of texts) {
        // The general matcher, reached through case folding on text without letters of two cases.
        const general = globMatcher(glob.toLowerCase(), { caseInsensitive: true })(text);
        expect([glob, text, globMatcher(glob)(text)]).toEqual([glob, text, general]);
      }
    expect(globMatcher("a?c", { anyChar: false })("a?c")).toBe(true);
    expect(globMatcher("a?c", { anyChar: false })("abc")).toBe(false);
  });

  it("answers a pathological glob against a long name at once (a backtracking RegExp would not)", () => {
    // 25 "*?" pairs against 5,000 characters that almost match: exponential for a backtracking engine.
    const glob = `${"*?".repeat(25)}!`;
    const text = "a".repeat(5_000);
    let matches = 0;
    for (let i = 0; i < 50; i++) if (globMatcher(glob)(text)) matches++;
    expect(matches).toBe(0);
  });
});

describe("safeRegExp", () => {
  it("behaves like RegExp#test for the patterns JSON Schema uses", () => {
    expect(safeRegExp("^x-").test("x-trace")).toBe(true);
    expect(safeRegExp("^x-").test("trace")).toBe(false);
    expect(safeRegExp("[0-9]{3}").test("a123")).toBe(true);
    expect(safeRegExp("^\\p{L}+$", "u").test("Zürich")).toBe(true);
  });

  it("runs the classic ReDoS pattern in linear time, and refuses backreferences", () => {
    const evil = safeRegExp("^(a+)+$");
    expect(evil.test(`${"a".repeat(50_000)}!`)).toBe(false);
    expect(() => safeRegExp("(a)\\1")).toThrow(UnsafePatternError);
  });
});

// Text PostgreSQL cannot hold is refused span by span, wherever in a span it sits; a resource or scope
// is checked once for all the spans that share it, and refuses all of them.
import { describe, expect, it } from "vitest";
import { readSpans } from "./read-spans";

const NOW_MS = Date.UTC(2026, 11, 1, 12);
const START = String(BigInt(NOW_MS - 60_000) * 1_000_000n);
const span = (n: number, extra: Record<string, unknown> = {}) => ({
  traceId: n.toString(16).padStart(32, "0"),
  spanId: n.toString(16).padStart(16, "0"),
  name: "op",
  startTimeUnixNano: START,
  endTimeUnixNano: START,
  ...extra,
});
const text = (key: string, value: string) => ({ key, value: { stringValue: value } });
const group = (resource: string, spans: object[], scope = "lib") => ({
  resource: { attributes: [text("service.name", resource)] },
  scopeSpans: [{ scope: { name: scope }, spans }],
});

describe("readSpans: text that cannot be stored", () => {
  it("refuses each span holding NUL or an unpaired surrogate in its own text, and keeps the rest", () => {
    const result = readSpans(
      {
        resourceSpans: [
          group("svc", [
            span(1),
            span(2, { name: "a\u0000b" }),
            span(3, { status: { code: 2, message: "lone \ud800" } }),
            span(4, { attributes: [text("k", "\u0000")] }),
            span(5, { events: [{ timeUnixNano: START, name: "e", attributes: [text("\ud800", "v")] }] }),
            span(6, { links: [{ traceId: "a".repeat(32), spanId: "b".repeat(16), attributes: [text("k", "x\u0000")] }] }),
            span(7, { events: [{ timeUnixNano: START, name: "ok" }] }),
          ]),
        ],
      },
      { nowMs: NOW_MS },
    );
    expect(result.spans.map((s) => s.spanId)).toEqual([span(1).spanId, span(7).spanId]);
    expect(result.rejected).toBe(5);
    expect(result.reasons).toEqual([
      "a string holds a NUL character (U+0000), which cannot be stored",
      "a string holds an unpaired UTF-16 surrogate, which cannot be stored",
    ]);
  });

  it("refuses every span of a resource or scope that holds such text, and only those", () => {
    const result = readSpans(
      {
        resourceSpans: [
          group("bad\u0000resource", [span(1), span(2)]),
          group("svc", [span(3)], "bad \udc00 scope"),
          group("svc", [span(4), span(5)]),
        ],
      },
      { nowMs: NOW_MS },
    );
    expect(result.spans.map((s) => s.spanId)).toEqual([span(4).spanId, span(5).spanId]);
    expect(result.rejected).toBe(3);
  });
});

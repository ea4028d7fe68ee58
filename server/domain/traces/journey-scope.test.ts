import { describe, expect, it } from "vitest";
import { keepAround } from "./journey-scope";
import type { JourneySpan } from "./journey-types";

const t = "e".repeat(32);
const s = (spanId: string, parentSpanId: string | null, links: string[] = []): JourneySpan => ({
  traceId: t,
  spanId,
  parentSpanId,
  name: spanId,
  kind: 1,
  service: "svc",
  startNs: 0n,
  endNs: 1n,
  statusCode: 0,
  msgOperation: null,
  msgDestination: null,
  msgGroup: null,
  msgKey: null,
  msgPartition: null,
  msgOffset: null,
  links: links.map((spanId) => ({ traceId: "f".repeat(32), spanId })),
});

describe("keepAround", () => {
  // A batch poll that processed two messages: ours (p1, linked to producer A) and another journey's (p2 → B).
  const batch = [s("poll", null), s("p1", "poll", ["A"]), s("w1", "p1"), s("p2", "poll", ["B"]), s("w2", "p2"), s("after", "poll")];
  it("keeps the linked span's ancestors and descendants, not its siblings' work", () => {
    expect(keepAround(batch, new Set([`${t}-p1`])).map((x) => x.spanId)).toEqual(["poll", "p1", "w1"]);
  });
  it("keeps the whole trace when every linking span in it is ours", () => {
    expect(keepAround(batch, new Set([`${t}-p1`, `${t}-p2`])).map((x) => x.spanId)).toEqual(["poll", "p1", "w1", "p2", "w2", "after"]);
    const single = [s("poll", null), s("p1", "poll", ["A"]), s("send", "poll")];
    expect(keepAround(single, new Set([`${t}-p1`])).map((x) => x.spanId)).toEqual(["poll", "p1", "send"]);
  });
});

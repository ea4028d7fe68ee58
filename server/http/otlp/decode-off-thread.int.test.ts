// The decode thread for real (a worker thread running the TypeScript sources through tsx): it decodes
// what the event loop would, refuses malformed batches the same way, and when it dies, the requests it
// held are still answered (decoded on the event loop), then the next request starts a new thread.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeJob } from "./decode-job";
import { decodeOffThread, decodeThreadState, stopDecodeThread } from "./decode-off-thread";
import { ExportRequest, OtlpError } from "./decode-request";

const now = BigInt(Date.now()) * 1_000_000n;
function exportRequest(spans: number): Buffer {
  const message = ExportRequest.fromObject({
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "decode-thread-check" } }] },
        scopeSpans: [
          {
            spans: Array.from({ length: spans }, (_, i) => ({
              traceId: randomBytes(16),
              spanId: i === 0 ? Buffer.alloc(8) : randomBytes(8), // an all-zero id is invalid: rejected alone
              name: `op ${i}`,
              kind: 5,
              startTimeUnixNano: now + BigInt(i),
              endTimeUnixNano: now + BigInt(i) + 1_000n,
              attributes: [{ key: "messaging.destination.name", value: { stringValue: "orders" } }],
            })),
          },
        ],
      },
    ],
  });
  return Buffer.from(ExportRequest.encode(message).finish());
}
const job = (body: Buffer) => ({ body, encoding: "protobuf" as const, contentEncoding: null, limit: 4_000_000, retentionHours: 24 });

describe("decoding off the event loop", () => {
  it("gives the batch the event loop would make, from a thread", async () => {
    const body = exportRequest(50);
    const off = await decodeOffThread(job(body));
    expect(decodeThreadState()).toBe("thread");
    const here = decodeJob(job(body));
    expect(off.rejected).toBe(1);
    expect(off.batch.count).toBe(49);
    // Bytes for bytes (the thread's arrive as a Uint8Array), apart from nothing.
    expect(Buffer.from(off.batch.rows).equals(Buffer.from(here.batch.rows))).toBe(true);
    expect(off.batch.resources).toEqual(here.batch.resources);
  });

  it("refuses a malformed batch from the thread as the receiver would (400)", async () => {
    const refusal = await decodeOffThread(job(Buffer.from([0x0a, 0xff, 0xff, 0xff]))).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(OtlpError);
    expect((refusal as OtlpError).status).toBe(400);
  });

  it("answers what a dying thread held, then starts another", async () => {
    await decodeOffThread(job(exportRequest(2))); // the thread is up
    const bodies = Array.from({ length: 12 }, (_, i) => exportRequest(20 + i));
    const answers = bodies.map((b) => decodeOffThread(job(b)));
    await stopDecodeThread();
    const decoded = await Promise.all(answers);
    expect(decoded.map((d) => d.batch.count)).toEqual(bodies.map((_, i) => 19 + i));
    expect(decodeThreadState()).toBe("here");
    await decodeOffThread(job(exportRequest(3)));
    expect(decodeThreadState()).toBe("thread");
  });
});

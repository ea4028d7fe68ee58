// The OTLP receiver against exporters we did not write: the OpenTelemetry JS SDK's protobuf and JSON
// trace exporters send real batches over HTTP; then bodies no SDK would send (malformed, truncated,
// gzip bombs, oversized, logs sent to the traces endpoint) are refused whole, with nothing stored.
import { gzipSync } from "node:zlib";
import { context, SpanKind, trace, type Link } from "@opentelemetry/api";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { getSpan } from "@/server/domain/traces";
import { serveHandler } from "@/test/serve-handler";
import { uniqueName } from "@/test/kafka-helpers";
import { ExportRequest, ExportResponse } from "./decode-request";
import { createTestToken } from "@/test/tokens";
import { handleOtlpTraces } from "./handle";

let url = "";
let close = async () => {};
// An OTLP-only token, sent as OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer …" would send it.
let auth: Record<string, string> = {};
beforeAll(async () => {
  const server = await serveHandler(handleOtlpTraces);
  url = `${server.url}/v1/traces`;
  close = server.close;
  auth = (await createTestToken(["otlp:write"], "viewer")).bearer;
});
afterAll(() => close());

/** A producer span (deprecated attribute names, as older instrumentations send them) and a consumer span in a trace of its own that links to it. */
async function sendJourney(exporter: SpanExporter, service: string) {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": service, "host.name": "ingest-test" }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("ingest-test");
  const topic = uniqueName("otlp-topic");
  const producer = tracer.startSpan(`send ${topic}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      "messaging.system": "kafka",
      "messaging.destination": topic,
      "messaging.kafka.message.key": "order-1",
      "messaging.operation": "publish",
    },
  });
  producer.addEvent("acked", { "messaging.kafka.partition": 2 });
  producer.end();
  const link: Link = { context: producer.spanContext(), attributes: { reason: "creation context" } };
  const consumer = tracer.startSpan(
    `process ${topic}`,
    {
      kind: SpanKind.CONSUMER,
      links: [link],
      attributes: {
        "messaging.system": "kafka",
        "messaging.destination.name": topic,
        "messaging.kafka.consumer.group": "billing",
        "messaging.kafka.message.offset": 41,
        "messaging.kafka.destination.partition": 2,
      },
    },
    context.active(),
  );
  consumer.setStatus({ code: 2, message: "payment declined" });
  consumer.end();
  await provider.forceFlush();
  await provider.shutdown();
  return { topic, producer: producer.spanContext(), consumer: consumer.spanContext() };
}

describe("OTLP/HTTP receiver", () => {
  for (const [encoding, make] of [
    ["protobuf", () => new ProtoExporter({ url, headers: auth })],
    ["json", () => new JsonExporter({ url, headers: auth })],
  ] as const) {
    it(`stores what the SDK's ${encoding} exporter sends, messaging attributes normalised and links indexed`, async () => {
      const service = uniqueName(`svc-${encoding}`);
      const sent = await sendJourney(make(), service);
      // The consumer span may start in the same clock tick as the producer's: kind breaks the tie.
      const spans = await db.span.findMany({ where: { service }, orderBy: [{ startNs: "asc" }, { kind: "asc" }] });
      expect(spans.map((s) => [s.name, s.kind, s.msgOperation, s.msgDestination])).toEqual([
        [`send ${sent.topic}`, 4, "send", sent.topic],
        [`process ${sent.topic}`, 5, "process", sent.topic],
      ]);
      const [producer, consumer] = spans;
      expect(producer!.traceId).toBe(sent.producer.traceId);
      expect(producer!.msgKey).toBe("order-1");
      expect(producer!.attributes).toMatchObject({ "messaging.destination.name": sent.topic, "messaging.operation.type": "publish" });
      expect(producer!.events).toEqual([expect.objectContaining({ name: "acked", attributes: { "messaging.kafka.partition": 2 } })]);
      // The resource is stored once for both spans, and the detail panel shows it with each.
      expect(consumer!.resourceId).toBe(producer!.resourceId);
      expect(await db.spanResource.count({ where: { id: producer!.resourceId } })).toBe(1);
      expect((await getSpan(producer!.traceId, producer!.spanId)).resource).toEqual({
        "service.name": service,
        "host.name": "ingest-test",
      });
      expect(consumer!.traceId).toBe(sent.consumer.traceId);
      expect(consumer!.traceId).not.toBe(producer!.traceId);
      expect([consumer!.msgGroup, consumer!.msgPartition, consumer!.msgOffset]).toEqual(["billing", 2, 41n]);
      expect([consumer!.statusCode, consumer!.statusMessage]).toEqual([2, "payment declined"]);
      expect(consumer!.endNs >= consumer!.startNs).toBe(true);
      expect(await db.spanLink.findMany({ where: { linkedTraceId: producer!.traceId } })).toEqual([
        {
          traceId: consumer!.traceId,
          spanId: consumer!.spanId,
          linkedTraceId: producer!.traceId,
          linkedSpanId: producer!.spanId,
          startNs: consumer!.startNs,
        },
      ]);
    });
  }
});

// A minute ago: inside the retention window (older spans are refused), on a day other tests also write.
const RECENT = BigInt(Date.now() - 60_000) * 1_000_000n;
const START = String(RECENT);
const END = String(RECENT + 5_000_000n);
const traceId = (n: number) => n.toString(16).padStart(32, "0");
const spanId = (n: number) => n.toString(16).padStart(16, "0");
function batch(service: string, ids: { trace: string; span: string }[]) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: service } }] },
        scopeSpans: [
          {
            scope: { name: "test" },
            spans: ids.map(({ trace: t, span: s }) => ({
              traceId: t,
              spanId: s,
              name: "op",
              kind: 1,
              startTimeUnixNano: START,
              endTimeUnixNano: END,
            })),
          },
        ],
      },
    ],
  };
}
/** The same one-span batch as protobuf bytes (ids as bytes, as the protobuf encoding carries them). */
function protobufBatch(service: string, trace: string, span: string): Buffer<ArrayBuffer> {
  const message = ExportRequest.fromObject({
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: service } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: Buffer.from(trace, "hex"),
                spanId: Buffer.from(span, "hex"),
                name: "x",
                startTimeUnixNano: START,
                endTimeUnixNano: END,
              },
            ],
          },
        ],
      },
    ],
  });
  return Buffer.from(ExportRequest.encode(message).finish()) as Buffer<ArrayBuffer>;
}
const countFor = (service: string) => db.span.count({ where: { service } });
const post = (body: BodyInit, headers: Record<string, string>) => fetch(url, { method: "POST", body, headers: { ...auth, ...headers } });

describe("OTLP/HTTP receiver, day tables", () => {
  it("stores into a day whose tables another process dropped after this one had made them", async () => {
    // Noon UTC two days ago: inside the retention window, a day no other test writes.
    const day = new Date(Date.now() - 2 * 86_400_000);
    day.setUTCHours(12, 0, 0, 0);
    const start = BigInt(day.getTime()) * 1_000_000n;
    const suffix = day.toISOString().slice(0, 10).replaceAll("-", "");
    const thatDay = (service: string, n: number) => {
      const body = batch(service, [{ trace: traceId(0x1eab0000 + n), span: spanId(n) }]);
      const span = body.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
      Object.assign(span, { startTimeUnixNano: String(start), endTimeUnixNano: String(start + 5_000_000n) });
      return JSON.stringify(body);
    };
    const service = uniqueName("dropped-day");
    expect((await post(thatDay(service, 1), { "content-type": "application/json" })).status).toBe(200);
    expect(await countFor(service)).toBe(1);
    // Retention in another process drops the day; this process still remembers having made it.
    await db.$executeRawUnsafe(`DROP TABLE "Span_d${suffix}", "SpanLink_d${suffix}"`);
    expect((await post(thatDay(service, 2), { "content-type": "application/json" })).status).toBe(200);
    expect((await db.span.findMany({ where: { service } })).map((x) => x.spanId)).toEqual([spanId(2)]);
  });
});

describe("OTLP/HTTP receiver, refusing bad input", () => {
  it("rejects invalid spans one by one in partialSuccess and stores the rest", async () => {
    const service = uniqueName("partial");
    const body = batch(service, [
      { trace: traceId(0xabc1), span: spanId(1) },
      { trace: traceId(0), span: spanId(2) },
      { trace: "xyz", span: spanId(3) },
    ]);
    const res = await post(JSON.stringify(body), { "content-type": "application/json" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      partialSuccess: { rejectedSpans: "2", errorMessage: expect.stringContaining("traceId must be 16 bytes") },
    });
    expect(await countFor(service)).toBe(1);
  });

  it("answers protobuf with a protobuf ExportTraceServiceResponse", async () => {
    const service = uniqueName("pb");
    const body = protobufBatch(service, traceId(0xbeef), spanId(7));
    const res = await post(body, {
      "content-type": "application/x-protobuf",
      "content-encoding": "gzip",
    }).catch((e) => e as Error);
    // Not gzip although announced: a clear 400, and nothing stored.
    expect(res).toBeInstanceOf(Response);
    expect((res as Response).status).toBe(400);
    expect(await countFor(service)).toBe(0);
    const ok = await post(new Uint8Array(gzipSync(body)), {
      "content-type": "application/x-protobuf",
      "content-encoding": "gzip",
    });
    expect([ok.status, ok.headers.get("content-type")]).toEqual([200, "application/x-protobuf"]);
    expect((await ok.arrayBuffer()).byteLength).toBe(0); // an empty response message: everything accepted
    expect(await countFor(service)).toBe(1);
  });

  it("refuses malformed, truncated, mistyped, logs, gzip-bombed and oversized bodies, storing nothing from them", async () => {
    const service = uniqueName("refused");
    const good = batch(service, [{ trace: traceId(0xdead), span: spanId(9) }]);
    const pb = protobufBatch(service, traceId(0xdead), spanId(10));
    const cases: [string, BodyInit, Record<string, string>, number, string][] = [
      [
        "garbage protobuf",
        Buffer.from("definitely not protobuf \xff\xff\xff\xff"),
        { "content-type": "application/x-protobuf" },
        400,
        "Malformed protobuf",
      ],
      ["truncated protobuf", pb.subarray(0, pb.length - 7), { "content-type": "application/x-protobuf" }, 400, "Malformed protobuf"],
      ["truncated JSON", JSON.stringify(good).slice(0, -10), { "content-type": "application/json" }, 400, "Malformed JSON"],
      ["wrong shape", JSON.stringify({ resourceSpans: { not: "a list" } }), { "content-type": "application/json" }, 400, "must be a list"],
      ["logs sent to traces", JSON.stringify({ resourceLogs: [] }), { "content-type": "application/json" }, 400, "logs or metrics export"],
      ["text/plain", "hello", { "content-type": "text/plain" }, 415, "Unsupported content type"],
      [
        "gzip bomb",
        gzipSync(Buffer.alloc(64 * 1024 * 1024)),
        { "content-type": "application/json", "content-encoding": "gzip" },
        413,
        "Decompressed body exceeds",
      ],
      ["oversized", Buffer.alloc(9 * 1024 * 1024, 0x20), { "content-type": "application/json" }, 413, "exceeds the limit"],
    ];
    for (const [name, body, headers, status, message] of cases) {
      const res = await post(body, headers);
      expect([name, res.status]).toEqual([name, status]);
      // JSON requests get {code, message}; protobuf ones a google.rpc.Status, whose message is UTF-8 too.
      expect([name, await res.text()]).toEqual([name, expect.stringContaining(message)]);
      const wanted = headers["content-type"] === "application/x-protobuf" ? "application/x-protobuf" : "application/json";
      expect([name, res.headers.get("content-type")]).toEqual([name, wanted]);
    }
    expect(await countFor(service)).toBe(0);
    // Still serving: the same good batch is accepted afterwards.
    expect((await post(JSON.stringify(good), { "content-type": "application/json" })).status).toBe(200);
    expect(await countFor(service)).toBe(1);
  });

  it("never answers 503 (retry forever) for input that is broken: NUL, out-of-range numbers, deep nesting, far-future and long-past spans", async () => {
    const service = uniqueName("hostile");
    const span = (extra: Record<string, unknown>, n: number) => ({
      traceId: traceId(0xf00 + n),
      spanId: spanId(n),
      name: "op",
      kind: 1,
      startTimeUnixNano: START,
      endTimeUnixNano: END,
      ...extra,
    });
    const farFuture = String((BigInt(Date.now()) + 3n * 86_400_000n) * 1_000_000n);
    const body = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: "service.name", value: { stringValue: service } }] },
          scopeSpans: [
            {
              spans: [
                span({}, 1),
                span({ name: "nul\u0000inside" }, 2),
                span({ attributes: [{ key: "k", value: { stringValue: "a\u0000b" } }] }, 3),
                span({ kind: 2 ** 40 }, 4),
                span({ endTimeUnixNano: "99999999999999999999999" }, 5),
                span({ startTimeUnixNano: farFuture, endTimeUnixNano: farFuture }, 6),
                span({ status: { code: 77 } }, 7),
                span({ startTimeUnixNano: "1700000000000000000", endTimeUnixNano: "1700000000005000000" }, 9),
              ],
            },
          ],
        },
      ],
    };
    const res = await post(JSON.stringify(body), { "content-type": "application/json" });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { partialSuccess: { rejectedSpans: string; errorMessage: string } };
    expect(answer.partialSuccess.rejectedSpans).toBe("7");
    expect(answer.partialSuccess.errorMessage).toContain("NUL");
    expect(answer.partialSuccess.errorMessage).toContain("older than the retention");
    expect(await countFor(service)).toBe(1);

    // 5,000 levels of arrays in one attribute, written as text (JSON.stringify itself would overflow).
    const nested = `${'{"arrayValue":{"values":['.repeat(5_000)}{"stringValue":"deep"}${"]}}".repeat(5_000)}`;
    const deep = JSON.stringify({
      resourceSpans: [{ scopeSpans: [{ spans: [span({ attributes: [{ key: "deep", value: "NESTED" }] }, 8)] }] }],
    });
    const refused = await post(deep.replace('"NESTED"', nested), { "content-type": "application/json" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ message: expect.stringContaining("nest") });
  });

  it("reports rejected spans in a protobuf partialSuccess, as exporters read it", async () => {
    const service = uniqueName("pb-partial");
    const good = ExportRequest.toObject(ExportRequest.decode(protobufBatch(service, traceId(0xfeed), spanId(9))), { bytes: Buffer }) as {
      resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[];
    };
    const spans = good.resourceSpans[0]!.scopeSpans[0]!.spans;
    spans.push({ ...spans[0]!, spanId: Buffer.alloc(8) }); // an all-zero span id: invalid
    const res = await post(Buffer.from(ExportRequest.encode(ExportRequest.fromObject(good)).finish()), {
      "content-type": "application/x-protobuf",
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-protobuf");
    const answer = ExportResponse.toObject(ExportResponse.decode(new Uint8Array(await res.arrayBuffer())), { longs: String }) as {
      partialSuccess?: { rejectedSpans: string; errorMessage: string };
    };
    expect(answer.partialSuccess).toEqual({ rejectedSpans: "1", errorMessage: expect.stringContaining("spanId must be 8 bytes") });
    expect(await countFor(service)).toBe(1);
  });

  it("stores a batch sent again once, and the new spans of a batch that partly repeats one", async () => {
    const service = uniqueName("resent");
    const ids = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => ({ trace: traceId(0x5e5e0000 + from + i), span: spanId(from + i + 1) }));
    const first = batch(service, ids(0, 3));
    // A link on the first span: a resent batch must not store it twice either.
    Object.assign(first.resourceSpans[0]!.scopeSpans[0]!.spans[0]!, { links: [{ traceId: traceId(0x11), spanId: spanId(0x11) }] });
    for (let i = 0; i < 2; i++) {
      const res = await post(JSON.stringify(first), { "content-type": "application/json" });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({});
    }
    expect(await countFor(service)).toBe(3);
    const overlapping = await post(JSON.stringify(batch(service, ids(2, 5))), { "content-type": "application/json" });
    expect(overlapping.status).toBe(200);
    expect(await countFor(service)).toBe(5);
    expect(await db.spanLink.count({ where: { traceId: traceId(0x5e5e0000) } })).toBe(1);
  });

  it("keeps text exactly as sent: tabs, newlines, backslashes, quotes and other scripts", async () => {
    const service = uniqueName("text");
    // A tab, a newline, a carriage return, backslashes before letters COPY would read as escapes, and \N.
    const tricky = 'a\tb\\nc\n"d"\r\\N \\ é中🚀';
    const body = batch(service, [{ trace: traceId(0x7e47), span: spanId(0x7e) }]);
    Object.assign(body.resourceSpans[0]!.scopeSpans[0]!.spans[0]!, {
      name: tricky,
      attributes: [{ key: tricky, value: { stringValue: tricky } }],
      status: { code: 2, message: tricky },
    });
    // The resource travels apart from the span (an array parameter): the same text there.
    body.resourceSpans[0]!.resource.attributes.push({ key: tricky, value: { stringValue: tricky } });
    const res = await post(JSON.stringify(body), { "content-type": "application/json" });
    expect(res.status).toBe(200);
    const stored = await db.span.findFirstOrThrow({ where: { service } });
    expect(stored.name).toBe(tricky);
    expect(stored.statusMessage).toBe(tricky);
    expect(stored.attributes).toEqual({ [tricky]: tricky });
    expect((await getSpan(stored.traceId, stored.spanId)).resource).toEqual({ "service.name": service, [tricky]: tricky });
  });
});

// One export request from its bytes to the batch the traces domain stores: gunzip, decode, check each
// span, make the COPY lines. All of it is CPU work without I/O, so it runs in the decode thread
// (decode-thread.ts), or here when that thread cannot run.
import { spanBatch, type SpanBatch } from "@/server/domain/traces";
import { decodeBody, inflate, type Encoding } from "./decode-request";
import { readSpans } from "./read-spans";

export type DecodeJob = {
  body: Uint8Array;
  encoding: Encoding;
  contentEncoding: string | null;
  /** the largest body, compressed or not (OTLP_MAX_BODY_BYTES) */
  limit: number;
  retentionHours: number;
};

export type Decoded = { batch: SpanBatch; rejected: number; reasons: string[] };

export function decodeJob(job: DecodeJob): Decoded {
  const raw = Buffer.isBuffer(job.body) ? job.body : Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength);
  const body = inflate(raw, job.contentEncoding, job.limit);
  const { spans, rejected, reasons } = readSpans(decodeBody(body, job.encoding), { retentionHours: job.retentionHours });
  return { batch: spanBatch(spans), rejected, reasons };
}

// Spans into PostgreSQL, all of a batch or none of it, with COPY: PostgreSQL reads tab-separated text
// far faster than it unpacks a JSON batch (json_to_recordset took ~40 µs a span, most of the insert).
// An exporter that retries a batch sends the same spans again: COPY refuses the duplicate keys, and
// the batch (with those it was grouped with) is written once more through a temporary table with
// ON CONFLICT DO NOTHING, so the spans already stored are skipped instead of failing the batch.
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { from as copyFrom } from "pg-copy-streams";
import { isUniqueViolation, rawTransaction, type RawClient } from "@/server/db";
import { groupedWriter } from "@/server/lib/grouped-writes";
import { mergeSpanBatches, spanBatch, type SpanBatch } from "./span-lines";
import { ensureSpanDays, forgetSpanDays, isMissingPartition } from "./span-partitions";
import { ensureSpanResources } from "./span-resources";
import type { SpanInput } from "./span-types";

const SPAN_COLUMNS = `"traceId", "spanId", "parentSpanId", "name", "kind", "service", "startNs", "endNs", "statusCode", "statusMessage",
  "attributes", "resourceId", "scope", "events", "links", "msgSystem", "msgOperation", "msgDestination", "msgGroup", "msgKey", "msgPartition", "msgOffset"`;
const LINK_COLUMNS = `"traceId", "spanId", "linkedTraceId", "linkedSpanId", "startNs"`;

async function copy(client: RawClient, statement: string, bytes: Uint8Array): Promise<void> {
  const stream = client.query(copyFrom(statement));
  // A batch made in another thread arrives as a Uint8Array: the same bytes, viewed as a Buffer.
  const chunk = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  await pipeline(Readable.from([chunk]), stream);
}

/** The common case: no span of the batch is stored yet. */
async function copyBatch(client: RawClient, batch: SpanBatch): Promise<void> {
  await copy(client, `COPY "Span" (${SPAN_COLUMNS}) FROM STDIN`, batch.rows);
  if (batch.links) await copy(client, `COPY "SpanLink" (${LINK_COLUMNS}) FROM STDIN`, batch.links);
}

/** A batch sent again: what is stored already is skipped. */
async function mergeBatch(client: RawClient, batch: SpanBatch): Promise<void> {
  await client.query(`CREATE TEMPORARY TABLE span_in (LIKE "Span" INCLUDING DEFAULTS) ON COMMIT DROP`);
  await client.query(`CREATE TEMPORARY TABLE span_link_in (LIKE "SpanLink" INCLUDING DEFAULTS) ON COMMIT DROP`);
  await copy(client, `COPY span_in (${SPAN_COLUMNS}) FROM STDIN`, batch.rows);
  if (batch.links) await copy(client, `COPY span_link_in (${LINK_COLUMNS}) FROM STDIN`, batch.links);
  await client.query(`INSERT INTO "Span" SELECT * FROM span_in ON CONFLICT DO NOTHING`);
  await client.query(`INSERT INTO "SpanLink" SELECT * FROM span_link_in ON CONFLICT DO NOTHING`);
}

async function write(batch: SpanBatch): Promise<void> {
  try {
    await rawTransaction((client) => copyBatch(client, batch));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await rawTransaction((client) => mergeBatch(client, batch));
  }
}

export async function storeSpans(spans: SpanInput[]): Promise<void> {
  if (spans.length) await storeSpanBatch(spanBatch(spans));
}

/** Stores a batch made by spanBatch (in this thread or another); settles once it is committed. */
export async function storeSpanBatch(batch: SpanBatch): Promise<void> {
  if (batch.count) await writeGrouped(batch);
}

// Batches that arrive while one is being written wait and go together in the next transaction (one
// COPY). Eight exporters' batches written side by side cost PostgreSQL about twice the CPU a span: the
// backends contend for the newest pages of the time-ordered indexes (a profile of them spent a fifth of
// its samples moving right along B-tree pages), and each batch commits alone. `npm run bench -- otlp`:
// PostgreSQL's CPU a span went from about 38 µs to about 19 µs on the same day.
const writeGrouped = groupedWriter<SpanBatch>({
  write: (batches) => storeNow(mergeSpanBatches(batches)),
  size: (batch) => batch.count,
  maxSize: 8192,
});

async function storeNow(batch: SpanBatch): Promise<void> {
  // Resources first, on their own: one stored for spans that then fail to store is harmless.
  await ensureSpanResources(batch.resources);
  await ensureSpanDays(batch.days);
  try {
    await write(batch);
  } catch (error) {
    // Retention (in this process or another) dropped a day this process thought it had: make sure
    // again and write once more. Nothing of the failed attempt was kept.
    if (!isMissingPartition(error)) throw error;
    forgetSpanDays();
    await ensureSpanDays(batch.days);
    await write(batch);
  }
}

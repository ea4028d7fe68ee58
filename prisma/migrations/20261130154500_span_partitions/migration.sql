-- Spans and their links move into tables partitioned by UTC day of "startNs" (PostgreSQL declarative
-- partitioning), so retention drops a day's tables instead of deleting rows one by one. A partition's
-- key must be part of every unique constraint, so "startNs" joins both primary keys: a re-sent span
-- has the same start, so a retried batch is still skipped by key. A link carries its span's start so
-- it lives and goes with the span's day.

-- The old tables step aside (their constraint and index names are needed by the new ones).
ALTER TABLE "Span" RENAME TO "Span_unpartitioned";
ALTER TABLE "Span_unpartitioned" DROP CONSTRAINT "Span_pkey";
DROP INDEX "Span_startNs_idx";
DROP INDEX "Span_service_startNs_idx";
DROP INDEX "Span_msgDestination_startNs_idx";
DROP INDEX "Span_msgGroup_startNs_idx";
DROP INDEX "Span_msgKey_idx";
DROP INDEX "Span_msgDestination_msgPartition_msgOffset_idx";
ALTER TABLE "SpanLink" RENAME TO "SpanLink_unpartitioned";
ALTER TABLE "SpanLink_unpartitioned" DROP CONSTRAINT "SpanLink_pkey";
DROP INDEX "SpanLink_linkedTraceId_idx";

-- CreateTable
CREATE TABLE "Span" (
    "traceId" TEXT NOT NULL,
    "spanId" TEXT NOT NULL,
    "parentSpanId" TEXT,
    "name" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "service" TEXT NOT NULL,
    "startNs" BIGINT NOT NULL,
    "endNs" BIGINT NOT NULL,
    "statusCode" INTEGER NOT NULL,
    "statusMessage" TEXT,
    "attributes" JSONB NOT NULL,
    "resource" JSONB NOT NULL,
    "scope" JSONB,
    "events" JSONB NOT NULL,
    "links" JSONB NOT NULL,
    "msgSystem" TEXT,
    "msgOperation" TEXT,
    "msgDestination" TEXT,
    "msgGroup" TEXT,
    "msgKey" TEXT,
    "msgPartition" INTEGER,
    "msgOffset" BIGINT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Span_pkey" PRIMARY KEY ("traceId","spanId","startNs")
) PARTITION BY RANGE ("startNs");

-- CreateTable
CREATE TABLE "SpanLink" (
    "traceId" TEXT NOT NULL,
    "spanId" TEXT NOT NULL,
    "linkedTraceId" TEXT NOT NULL,
    "linkedSpanId" TEXT NOT NULL,
    "startNs" BIGINT NOT NULL,

    CONSTRAINT "SpanLink_pkey" PRIMARY KEY ("traceId","spanId","linkedTraceId","linkedSpanId","startNs")
) PARTITION BY RANGE ("startNs");

-- CreateIndex (on the parent: every partition gets its own)
-- Spans arrive in about the order they start, so a block range index serves time ranges within a
-- day at a fraction of a B-tree's cost per inserted row.
CREATE INDEX "Span_startNs_idx" ON "Span" USING BRIN ("startNs");
-- Lineage reads what arrived since its last pass (messagingFlowsReceived): rows are appended in
-- arrival order, so the same kind of index finds them without reading every day's table.
CREATE INDEX "Span_receivedAt_idx" ON "Span" USING BRIN ("receivedAt");
-- "Errors in the last hour" reads only the failed spans (a small share) instead of the whole hour.
CREATE INDEX "Span_errors_startNs_idx" ON "Span" ("startNs") WHERE "statusCode" = 2;
CREATE INDEX "Span_service_startNs_idx" ON "Span"("service", "startNs");
CREATE INDEX "Span_msgDestination_startNs_idx" ON "Span"("msgDestination", "startNs");
CREATE INDEX "Span_msgGroup_startNs_idx" ON "Span"("msgGroup", "startNs");
CREATE INDEX "Span_msgKey_idx" ON "Span"("msgKey");
CREATE INDEX "Span_msgDestination_msgPartition_msgOffset_idx" ON "Span"("msgDestination", "msgPartition", "msgOffset");
CREATE INDEX "SpanLink_linkedTraceId_idx" ON "SpanLink"("linkedTraceId");

-- One day's partitions of both tables, created when first needed (ingest) or ahead (the worker).
-- Day d holds spans with d * 86400 s <= startNs < (d + 1) * 86400 s; its tables are named
-- "Span_dYYYYMMDD" / "SpanLink_dYYYYMMDD" (server/domain/traces/span-partitions.ts reads the names).
-- A transaction-scoped advisory lock keeps two processes from creating the same day at once.
CREATE FUNCTION eventplane_span_day(day_index BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  suffix TEXT := to_char(DATE '1970-01-01' + day_index::INTEGER, 'YYYYMMDD');
  lo BIGINT := day_index * 86400000000000;
  hi BIGINT := (day_index + 1) * 86400000000000;
BEGIN
  IF to_regclass(format('%I', 'Span_d' || suffix)) IS NOT NULL AND to_regclass(format('%I', 'SpanLink_d' || suffix)) IS NOT NULL THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(7355608, 86400);
  EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF "Span" FOR VALUES FROM (%s) TO (%s)', 'Span_d' || suffix, lo, hi);
  EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF "SpanLink" FOR VALUES FROM (%s) TO (%s)', 'SpanLink_d' || suffix, lo, hi);
END $$;

-- The days that already hold spans, then the rows themselves.
SELECT eventplane_span_day(d) FROM (SELECT DISTINCT floor("startNs" / 86400000000000.0)::BIGINT AS d FROM "Span_unpartitioned") days;
INSERT INTO "Span" SELECT * FROM "Span_unpartitioned";
INSERT INTO "SpanLink" ("traceId", "spanId", "linkedTraceId", "linkedSpanId", "startNs")
  SELECT l."traceId", l."spanId", l."linkedTraceId", l."linkedSpanId", s."startNs"
  FROM "SpanLink_unpartitioned" l JOIN "Span_unpartitioned" s ON s."traceId" = l."traceId" AND s."spanId" = l."spanId";
DROP TABLE "SpanLink_unpartitioned";
DROP TABLE "Span_unpartitioned";

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

    CONSTRAINT "Span_pkey" PRIMARY KEY ("traceId","spanId")
);

-- CreateTable
CREATE TABLE "SpanLink" (
    "traceId" TEXT NOT NULL,
    "spanId" TEXT NOT NULL,
    "linkedTraceId" TEXT NOT NULL,
    "linkedSpanId" TEXT NOT NULL,

    CONSTRAINT "SpanLink_pkey" PRIMARY KEY ("traceId","spanId","linkedTraceId","linkedSpanId")
);

-- CreateIndex
CREATE INDEX "Span_startNs_idx" ON "Span"("startNs");

-- CreateIndex
CREATE INDEX "Span_service_startNs_idx" ON "Span"("service", "startNs");

-- CreateIndex
CREATE INDEX "Span_msgDestination_startNs_idx" ON "Span"("msgDestination", "startNs");

-- CreateIndex
CREATE INDEX "Span_msgGroup_startNs_idx" ON "Span"("msgGroup", "startNs");

-- CreateIndex
CREATE INDEX "Span_msgKey_idx" ON "Span"("msgKey");

-- CreateIndex
CREATE INDEX "Span_msgDestination_msgPartition_msgOffset_idx" ON "Span"("msgDestination", "msgPartition", "msgOffset");

-- CreateIndex
CREATE INDEX "SpanLink_linkedTraceId_idx" ON "SpanLink"("linkedTraceId");

-- Messaging spans counted per minute and flow, folded in as they arrive (server/domain/traces/span-flows.ts).
-- On an installation with stored spans, the worker's first fold counts them all in one statement; until it
-- has, readers count the spans themselves, as before.

-- CreateTable
CREATE TABLE "SpanFlowMinute" (
    "minute" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "system" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "firstNs" BIGINT NOT NULL,

    CONSTRAINT "SpanFlowMinute_pkey" PRIMARY KEY ("minute","kind","system","service","topic","groupId")
);

-- CreateTable
CREATE TABLE "SpanFlowWatermark" (
    "id" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpanFlowWatermark_pkey" PRIMARY KEY ("id")
);


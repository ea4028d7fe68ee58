-- Hop latencies folded per minute with the span flow counts (server/domain/traces/hop-latencies.ts):
-- lineage read them by joining every consumer span of the last 15 minutes to its producer.

-- CreateTable
CREATE TABLE "HopLatencyMinute" (
    "minute" INTEGER NOT NULL,
    "topic" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "HopLatencyMinute_pkey" PRIMARY KEY ("minute","topic","groupId","bucket")
);

-- CreateTable
CREATE TABLE "DeadLetterEvent" (
    "id" BIGSERIAL NOT NULL,
    "clusterId" TEXT NOT NULL,
    "stream" TEXT NOT NULL,
    "consumer" TEXT NOT NULL,
    "streamSeq" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "deliveries" INTEGER NOT NULL DEFAULT 0,
    "detail" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeadLetterEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeadLetterEvent_at_idx" ON "DeadLetterEvent"("at");

-- CreateIndex
CREATE INDEX "DeadLetterEvent_clusterId_stream_at_idx" ON "DeadLetterEvent"("clusterId", "stream", "at");

-- CreateIndex
CREATE UNIQUE INDEX "DeadLetterEvent_clusterId_stream_consumer_streamSeq_reason_key" ON "DeadLetterEvent"("clusterId", "stream", "consumer", "streamSeq", "reason");

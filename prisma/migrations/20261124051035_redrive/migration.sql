-- CreateTable
CREATE TABLE "Redrive" (
    "id" TEXT NOT NULL,
    "dlqTopicId" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "offset" BIGINT NOT NULL,
    "targetTopic" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'sending',
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Redrive_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Redrive_at_idx" ON "Redrive"("at");

-- CreateIndex
CREATE UNIQUE INDEX "Redrive_dlqTopicId_partition_offset_key" ON "Redrive"("dlqTopicId", "partition", "offset");

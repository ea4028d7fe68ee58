-- CreateTable
CREATE TABLE "DeadLetterClass" (
    "topicId" TEXT NOT NULL,
    "exceptionClass" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "partition" INTEGER NOT NULL,
    "offset" BIGINT NOT NULL,
    "example" TEXT,
    "baseline" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "DeadLetterClass_pkey" PRIMARY KEY ("topicId","exceptionClass")
);

-- CreateTable
CREATE TABLE "DeadLetterScan" (
    "topicId" TEXT NOT NULL,
    "scannedAt" TIMESTAMP(3) NOT NULL,
    "endOffsetSum" BIGINT NOT NULL,

    CONSTRAINT "DeadLetterScan_pkey" PRIMARY KEY ("topicId")
);

-- CreateIndex
CREATE INDEX "DeadLetterClass_firstSeenAt_idx" ON "DeadLetterClass"("firstSeenAt");

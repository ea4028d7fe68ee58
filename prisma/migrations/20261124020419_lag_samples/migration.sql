-- CreateTable
CREATE TABLE "PartitionEndSample" (
    "clusterId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "observedAt" TIMESTAMP(3) NOT NULL,
    "endOffset" BIGINT NOT NULL,

    CONSTRAINT "PartitionEndSample_pkey" PRIMARY KEY ("clusterId","topic","partition","observedAt")
);

-- CreateIndex
CREATE INDEX "PartitionEndSample_observedAt_idx" ON "PartitionEndSample"("observedAt");

-- AddForeignKey
ALTER TABLE "PartitionEndSample" ADD CONSTRAINT "PartitionEndSample_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

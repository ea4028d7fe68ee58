-- AlterTable
ALTER TABLE "ConsumerGroup" ADD COLUMN     "lagStatus" TEXT,
ADD COLUMN     "lagUpdatedAt" TIMESTAMP(3),
ADD COLUMN     "maxTimeLagSeconds" DOUBLE PRECISION,
ADD COLUMN     "totalLag" BIGINT;

-- CreateTable
CREATE TABLE "GroupLagSample" (
    "consumerGroupId" TEXT NOT NULL,
    "observedAt" TIMESTAMP(3) NOT NULL,
    "totalLag" BIGINT NOT NULL,
    "maxTimeLagSeconds" DOUBLE PRECISION,

    CONSTRAINT "GroupLagSample_pkey" PRIMARY KEY ("consumerGroupId","observedAt")
);

-- CreateIndex
CREATE INDEX "GroupLagSample_observedAt_idx" ON "GroupLagSample"("observedAt");

-- CreateIndex
CREATE INDEX "ConsumerGroup_clusterId_totalLag_idx" ON "ConsumerGroup"("clusterId", "totalLag");

-- CreateIndex
CREATE INDEX "ConsumerGroup_totalLag_idx" ON "ConsumerGroup"("totalLag");

-- AddForeignKey
ALTER TABLE "GroupLagSample" ADD CONSTRAINT "GroupLagSample_consumerGroupId_fkey" FOREIGN KEY ("consumerGroupId") REFERENCES "ConsumerGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

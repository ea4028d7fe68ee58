-- CreateTable
CREATE TABLE "GroupCommitSample" (
    "consumerGroupId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "observedAt" TIMESTAMP(3) NOT NULL,
    "committed" BIGINT NOT NULL,
    "lag" BIGINT NOT NULL,

    CONSTRAINT "GroupCommitSample_pkey" PRIMARY KEY ("consumerGroupId","topic","partition","observedAt")
);

-- AddForeignKey
ALTER TABLE "GroupCommitSample" ADD CONSTRAINT "GroupCommitSample_consumerGroupId_fkey" FOREIGN KEY ("consumerGroupId") REFERENCES "ConsumerGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

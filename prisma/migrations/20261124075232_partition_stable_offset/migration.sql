-- AlterTable
ALTER TABLE "TopicPartition" ADD COLUMN     "stableOffset" BIGINT;

-- AlterTable
ALTER TABLE "AlertRule" ADD COLUMN     "brokerKind" TEXT;

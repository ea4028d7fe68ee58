-- AlterTable
ALTER TABLE "AlertRule" ADD COLUMN     "groupBy" TEXT[] DEFAULT ARRAY[]::TEXT[];

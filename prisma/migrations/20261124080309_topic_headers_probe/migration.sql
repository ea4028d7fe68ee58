-- AlterTable
ALTER TABLE "Topic" ADD COLUMN     "headersProbedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Topic" ADD COLUMN     "deadLetterByHeaders" BOOLEAN NOT NULL DEFAULT false;

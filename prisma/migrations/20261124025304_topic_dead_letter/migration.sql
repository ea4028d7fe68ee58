-- AlterTable
ALTER TABLE "Topic" ADD COLUMN     "deadLetter" BOOLEAN NOT NULL DEFAULT false;

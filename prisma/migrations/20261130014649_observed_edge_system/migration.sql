-- AlterTable
ALTER TABLE "ObservedEdge" DROP CONSTRAINT "ObservedEdge_pkey",
ADD COLUMN     "system" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "ObservedEdge_pkey" PRIMARY KEY ("kind", "clusterId", "service", "topic", "groupId", "system");

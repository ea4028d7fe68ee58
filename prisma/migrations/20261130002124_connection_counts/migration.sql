-- AlterTable
ALTER TABLE "Cluster" ADD COLUMN     "groupCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "topicCount" INTEGER NOT NULL DEFAULT 0;

-- The counts were computed from the catalog's tables on every read; from now on the sync records them.
UPDATE "Cluster" c SET
  "topicCount" = (SELECT count(*) FROM "Topic" t WHERE t."clusterId" = c.id AND t."deletedAt" IS NULL),
  "groupCount" = (SELECT count(*) FROM "ConsumerGroup" g WHERE g."clusterId" = c.id AND g."deletedAt" IS NULL);

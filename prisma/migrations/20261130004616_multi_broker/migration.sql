-- DropIndex
DROP INDEX "Topic_clusterId_name_key";

-- AlterTable
ALTER TABLE "Cluster" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'kafka',
ADD COLUMN     "options" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "ConsumerGroup" ADD COLUMN     "details" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'group';

-- AlterTable
ALTER TABLE "Topic" ADD COLUMN     "details" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'topic',
ADD COLUMN     "namespace" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE UNIQUE INDEX "Topic_clusterId_namespace_name_key" ON "Topic"("clusterId", "namespace", "name");

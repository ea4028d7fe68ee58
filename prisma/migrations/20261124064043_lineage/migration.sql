-- CreateTable
CREATE TABLE "Service" (
    "name" TEXT NOT NULL,
    "ownerTeam" TEXT,
    "description" TEXT,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "ObservedEdge" (
    "kind" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL DEFAULT '',
    "service" TEXT NOT NULL DEFAULT '',
    "topic" TEXT NOT NULL,
    "groupId" TEXT NOT NULL DEFAULT '',
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "count" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ObservedEdge_pkey" PRIMARY KEY ("kind","clusterId","service","topic","groupId")
);

-- CreateTable
CREATE TABLE "DeclaredEdge" (
    "id" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL DEFAULT '',
    "topic" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'ui',
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeclaredEdge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupServiceMapping" (
    "clusterId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupServiceMapping_pkey" PRIMARY KEY ("clusterId","groupId")
);

-- CreateTable
CREATE TABLE "LineageWatermark" (
    "id" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LineageWatermark_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Service_ownerTeam_idx" ON "Service"("ownerTeam");

-- CreateIndex
CREATE INDEX "ObservedEdge_topic_idx" ON "ObservedEdge"("topic");

-- CreateIndex
CREATE INDEX "ObservedEdge_service_idx" ON "ObservedEdge"("service");

-- CreateIndex
CREATE INDEX "DeclaredEdge_topic_idx" ON "DeclaredEdge"("topic");

-- CreateIndex
CREATE UNIQUE INDEX "DeclaredEdge_service_direction_clusterId_topic_key" ON "DeclaredEdge"("service", "direction", "clusterId", "topic");

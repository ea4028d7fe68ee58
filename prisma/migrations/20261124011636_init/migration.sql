-- CreateTable
CREATE TABLE "Cluster" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "bootstrapServers" TEXT[],
    "clientId" TEXT NOT NULL DEFAULT 'eventplane',
    "tls" BOOLEAN NOT NULL DEFAULT false,
    "saslMechanism" TEXT,
    "saslUsername" TEXT,
    "saslPasswordEnc" TEXT,
    "source" TEXT NOT NULL DEFAULT 'ui',
    "status" TEXT NOT NULL DEFAULT 'UNKNOWN',
    "lastError" TEXT,
    "unreachableSince" TIMESTAMP(3),
    "lastSyncAt" TIMESTAMP(3),
    "lastSyncMs" INTEGER,
    "controllerId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Cluster_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Broker" (
    "clusterId" TEXT NOT NULL,
    "nodeId" INTEGER NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "rack" TEXT,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Broker_pkey" PRIMARY KEY ("clusterId","nodeId")
);

-- CreateTable
CREATE TABLE "Topic" (
    "id" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "internal" BOOLEAN NOT NULL DEFAULT false,
    "partitionCount" INTEGER NOT NULL,
    "replicationFactor" INTEGER NOT NULL,
    "configs" JSONB NOT NULL DEFAULT '[]',
    "messageCount" BIGINT NOT NULL DEFAULT 0,
    "endOffsetSum" BIGINT NOT NULL DEFAULT 0,
    "messagesPerSec" DOUBLE PRECISION,
    "rateSampledAt" TIMESTAMP(3),
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),
    "ownerTeam" TEXT,
    "description" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "Topic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TopicPartition" (
    "topicId" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "leader" INTEGER NOT NULL,
    "replicas" INTEGER[],
    "isr" INTEGER[],
    "offlineReplicas" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "startOffset" BIGINT NOT NULL,
    "endOffset" BIGINT NOT NULL,

    CONSTRAINT "TopicPartition_pkey" PRIMARY KEY ("topicId","partition")
);

-- CreateTable
CREATE TABLE "ConsumerGroup" (
    "id" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "protocolType" TEXT,
    "protocol" TEXT,
    "members" JSONB NOT NULL DEFAULT '[]',
    "memberCount" INTEGER NOT NULL DEFAULT 0,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "ConsumerGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupOffset" (
    "consumerGroupId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "committed" BIGINT NOT NULL,
    "observedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GroupOffset_pkey" PRIMARY KEY ("consumerGroupId","topic","partition")
);

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_name_key" ON "Cluster"("name");

-- CreateIndex
CREATE INDEX "Topic_name_idx" ON "Topic"("name");

-- CreateIndex
CREATE INDEX "Topic_ownerTeam_idx" ON "Topic"("ownerTeam");

-- CreateIndex
CREATE INDEX "Topic_tags_idx" ON "Topic" USING GIN ("tags");

-- CreateIndex
CREATE UNIQUE INDEX "Topic_clusterId_name_key" ON "Topic"("clusterId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ConsumerGroup_clusterId_groupId_key" ON "ConsumerGroup"("clusterId", "groupId");

-- CreateIndex
CREATE INDEX "GroupOffset_topic_idx" ON "GroupOffset"("topic");

-- AddForeignKey
ALTER TABLE "Broker" ADD CONSTRAINT "Broker_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Topic" ADD CONSTRAINT "Topic_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicPartition" ADD CONSTRAINT "TopicPartition_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsumerGroup" ADD CONSTRAINT "ConsumerGroup_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupOffset" ADD CONSTRAINT "GroupOffset_consumerGroupId_fkey" FOREIGN KEY ("consumerGroupId") REFERENCES "ConsumerGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A RabbitMQ letter has no stable position: redrive claims name it by its identity.
DROP INDEX "Redrive_dlqTopicId_partition_offset_key";
ALTER TABLE "Redrive" ADD COLUMN "messageId" TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX "Redrive_dlqTopicId_partition_offset_messageId_key" ON "Redrive"("dlqTopicId", "partition", "offset", "messageId");

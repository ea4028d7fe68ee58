-- CreateTable
CREATE TABLE "MaskingRule" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "topicPattern" TEXT NOT NULL DEFAULT '*',
    "paths" TEXT[],
    "maskFor" TEXT[],
    "style" TEXT NOT NULL DEFAULT 'redact',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MaskingRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MaskingRule_name_key" ON "MaskingRule"("name");

-- CreateTable
CREATE TABLE "LineageLayout" (
    "key" TEXT NOT NULL,
    "nodeCount" INTEGER NOT NULL,
    "positions" JSONB NOT NULL,
    "computeMs" INTEGER NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "usedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LineageLayout_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "LineageLayout_usedAt_idx" ON "LineageLayout"("usedAt");

-- CreateTable
CREATE TABLE "Finding" (
    "id" TEXT NOT NULL,
    "check" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetKey" TEXT NOT NULL,
    "targetLabel" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "team" TEXT,
    "message" TEXT NOT NULL,
    "evidence" JSONB NOT NULL DEFAULT '{}',
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "ackReason" TEXT,
    "ackBy" TEXT,
    "ackUntil" TIMESTAMP(3),

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScorecardPass" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "coverage" JSONB NOT NULL DEFAULT '{}',
    "opened" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ScorecardPass_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Finding_resolvedAt_team_idx" ON "Finding"("resolvedAt", "team");

-- CreateIndex
CREATE UNIQUE INDEX "Finding_check_targetType_targetKey_detail_key" ON "Finding"("check", "targetType", "targetKey", "detail");

-- CreateIndex
CREATE INDEX "ScorecardPass_at_idx" ON "ScorecardPass"("at");

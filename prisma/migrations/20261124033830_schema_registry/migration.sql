-- CreateTable
CREATE TABLE "Schema" (
    "id" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "schema" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "references" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Schema_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubjectVersion" (
    "subject" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "schemaId" INTEGER NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubjectVersion_pkey" PRIMARY KEY ("subject","version")
);

-- CreateTable
CREATE TABLE "SchemaReference" (
    "schemaId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "SchemaReference_pkey" PRIMARY KEY ("schemaId","name")
);

-- CreateTable
CREATE TABLE "SubjectConfig" (
    "subject" TEXT NOT NULL,
    "compatibility" TEXT,
    "normalize" BOOLEAN,
    "mode" TEXT,

    CONSTRAINT "SubjectConfig_pkey" PRIMARY KEY ("subject")
);

-- CreateTable
CREATE TABLE "SchemaAudit" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT,
    "version" INTEGER,
    "detail" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "SchemaAudit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Schema_fingerprint_key" ON "Schema"("fingerprint");

-- CreateIndex
CREATE INDEX "SubjectVersion_schemaId_idx" ON "SubjectVersion"("schemaId");

-- CreateIndex
CREATE INDEX "SchemaReference_subject_version_idx" ON "SchemaReference"("subject", "version");

-- CreateIndex
CREATE INDEX "SchemaAudit_subject_at_idx" ON "SchemaAudit"("subject", "at");

-- AddForeignKey
ALTER TABLE "SubjectVersion" ADD CONSTRAINT "SubjectVersion_schemaId_fkey" FOREIGN KEY ("schemaId") REFERENCES "Schema"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

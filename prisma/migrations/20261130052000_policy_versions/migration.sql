-- CreateTable
CREATE TABLE "PolicyVersion" (
    "version" SERIAL NOT NULL,
    "document" JSONB NOT NULL,
    "author" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyVersion_pkey" PRIMARY KEY ("version")
);

-- Spans keep their resource once, in "SpanResource", instead of on every row, and their JSON columns
-- become json instead of jsonb (see prisma/schema.prisma). On an installation with stored spans this
-- rewrites the span tables once; every value is kept.

-- CreateTable
CREATE TABLE "SpanResource" (
    "id" TEXT NOT NULL,
    "attributes" JSON NOT NULL,
    "lastDay" INTEGER NOT NULL,

    CONSTRAINT "SpanResource_pkey" PRIMARY KEY ("id")
);

-- The stored spans' resources, each once, keyed like ingest keys them: sha-256 of the JSON text. Here
-- the text is PostgreSQL's spelling of it, so a resource sent again after the upgrade may get a second
-- row with the same attributes (harmless: the id only has to name the same attributes every time).
ALTER TABLE "Span" ADD COLUMN "resourceId" TEXT;
UPDATE "Span" SET "resourceId" = encode(sha256(convert_to("resource"::json::text, 'UTF8')), 'hex');
INSERT INTO "SpanResource" ("id", "attributes", "lastDay")
SELECT "resourceId", min("resource"::text)::json, max(floor("startNs" / 86400000000000.0))::int
  FROM "Span" GROUP BY "resourceId";

-- AlterTable
ALTER TABLE "Span" DROP COLUMN "resource",
ALTER COLUMN "resourceId" SET NOT NULL,
ALTER COLUMN "attributes" SET DATA TYPE JSON,
ALTER COLUMN "scope" SET DATA TYPE JSON,
ALTER COLUMN "events" SET DATA TYPE JSON,
ALTER COLUMN "links" SET DATA TYPE JSON;

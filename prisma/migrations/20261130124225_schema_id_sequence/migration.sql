-- Schema ids from a sequence, so registrations of different subjects need not wait for each other;
-- it starts after the ids already given (an import's chosen ids move it on: register-schema.ts).
CREATE SEQUENCE schema_id_seq;
ALTER TABLE "Schema" ALTER COLUMN "id" SET DEFAULT nextval('schema_id_seq');
ALTER SEQUENCE schema_id_seq OWNED BY "Schema"."id";
SELECT setval('schema_id_seq', COALESCE((SELECT max("id") FROM "Schema"), 0) + 1, false);

-- The registry's change log keyed by the writing transaction's id instead of a counter row that every
-- registry write updated at commit (so commits queued on it), and the one-call registrations that
-- read it. See registry-memory.ts and register-schema.ts.

-- The counter's triggers, function and the fast path that read it go first; the old rows mean nothing now.
DROP TRIGGER "SubjectVersion_changed" ON "SubjectVersion";
DROP TRIGGER "SubjectVersion_truncated" ON "SubjectVersion";
DROP TRIGGER "SubjectConfig_changed" ON "SubjectConfig";
DROP TRIGGER "SubjectConfig_truncated" ON "SubjectConfig";
DROP FUNCTION registry_changed();
DROP FUNCTION registry_register(TEXT, BIGINT, INTEGER, TEXT, TEXT, TEXT, TEXT, TEXT, JSONB);
DELETE FROM "RegistryChange";

-- AlterTable
ALTER TABLE "RegistryChange" DROP CONSTRAINT "RegistryChange_pkey",
DROP COLUMN "epoch",
ADD COLUMN     "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "id" BIGSERIAL NOT NULL,
ADD COLUMN     "xid" BIGINT NOT NULL,
ADD CONSTRAINT "RegistryChange_pkey" PRIMARY KEY ("id");

-- DropTable
DROP TABLE "RegistryEpoch";

-- CreateTable
CREATE TABLE "RegistryLogFloor" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "xid" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "RegistryLogFloor_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RegistryChange_xid_idx" ON "RegistryChange"("xid");

-- CreateIndex
CREATE INDEX "RegistryChange_subject_xid_idx" ON "RegistryChange"("subject", "xid");

-- The floor's one row.
INSERT INTO "RegistryLogFloor" ("id", "xid") VALUES (1, 0);

-- Drops rows older than a minute, oldest first (at most 10,000 at a time, found through the primary
-- key), and raises the floor past them. One pruner at a time; the others skip.
CREATE FUNCTION registry_prune() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  cut BIGINT;
BEGIN
  -- 1162892115 = "EPSR" + 1: not the registration lock's key.
  IF NOT pg_try_advisory_xact_lock(1162892115) THEN
    RETURN;
  END IF;
  SELECT max("xid") + 1 INTO cut
    FROM (SELECT "xid", "at" FROM "RegistryChange" ORDER BY "id" LIMIT 10000) AS oldest
    WHERE "at" < CURRENT_TIMESTAMP - interval '1 minute';
  IF cut IS NULL THEN
    RETURN;
  END IF;
  UPDATE "RegistryLogFloor" SET "xid" = greatest("xid", cut) WHERE "id" = 1;
  DELETE FROM "RegistryChange" WHERE "xid" < cut;
END
$$;

-- Every change to a subject's versions or settings logs which subject changed, under the writer's
-- transaction id, in the writer's transaction. Nothing here is shared between writers.
CREATE FUNCTION registry_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed TEXT;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    changed := NULL;
  ELSIF TG_OP = 'DELETE' THEN
    changed := OLD."subject";
  ELSE
    changed := NEW."subject";
  END IF;
  INSERT INTO "RegistryChange" ("xid", "subject") VALUES (pg_current_xact_id()::text::bigint, changed);
  IF random() < 0.001 THEN
    PERFORM registry_prune();
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "SubjectVersion_changed" AFTER INSERT OR UPDATE OR DELETE ON "SubjectVersion"
  FOR EACH ROW EXECUTE FUNCTION registry_changed();
CREATE TRIGGER "SubjectVersion_truncated" AFTER TRUNCATE ON "SubjectVersion"
  FOR EACH STATEMENT EXECUTE FUNCTION registry_changed();
CREATE TRIGGER "SubjectConfig_changed" AFTER INSERT OR UPDATE OR DELETE ON "SubjectConfig"
  FOR EACH ROW EXECUTE FUNCTION registry_changed();
CREATE TRIGGER "SubjectConfig_truncated" AFTER TRUNCATE ON "SubjectConfig"
  FOR EACH STATEMENT EXECUTE FUNCTION registry_changed();

-- Whether the registry moved for a decision taken on the state as of snapshot p_snapshot: the log holds
-- a change to p_subject, to the global settings ("") or to every subject (null) by a transaction that
-- snapshot did not see, or may have lost one (the floor passed the snapshot). Each look is an equality
-- on the (subject, xid) index, so the plan stays an index probe whatever the statistics say (one look
-- with the three ORed became a scan of the whole log while the table had no statistics).
-- (PL/pgSQL: it keeps its plans per session, where a SQL function is planned at every call.)
CREATE FUNCTION registry_moved(p_snapshot pg_snapshot, p_subject TEXT) RETURNS BOOLEAN LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT "xid" FROM "RegistryLogFloor" WHERE "id" = 1) > pg_snapshot_xmin(p_snapshot)::text::bigint
      OR EXISTS (SELECT 1 FROM "RegistryChange"
                 WHERE "subject" = p_subject AND "xid" >= pg_snapshot_xmin(p_snapshot)::text::bigint
                   AND NOT pg_visible_in_snapshot("xid"::text::xid8, p_snapshot))
      OR EXISTS (SELECT 1 FROM "RegistryChange"
                 WHERE "subject" = '' AND "xid" >= pg_snapshot_xmin(p_snapshot)::text::bigint
                   AND NOT pg_visible_in_snapshot("xid"::text::xid8, p_snapshot))
      OR EXISTS (SELECT 1 FROM "RegistryChange"
                 WHERE "subject" IS NULL AND "xid" >= pg_snapshot_xmin(p_snapshot)::text::bigint
                   AND NOT pg_visible_in_snapshot("xid"::text::xid8, p_snapshot));
END
$$;

-- The write both one-call paths end with, once they know the decision still holds: the schema's row
-- (found by fingerprint or added with an id from the sequence), the version, the owner's claim and the
-- audit entry. Null when no id could be drawn (an id an import took ahead of the sequence): the caller
-- then goes the transaction path.
CREATE FUNCTION registry_write_version(
  p_subject TEXT, p_version INTEGER, p_type TEXT, p_schema TEXT, p_fingerprint TEXT, p_level TEXT, p_claim TEXT, p_audit JSONB
) RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
  sid INTEGER;
BEGIN
  SELECT "id" INTO sid FROM "Schema" WHERE "fingerprint" = p_fingerprint;
  IF sid IS NULL THEN
    -- The same schema committed meanwhile under another subject is found again; an id an import took
    -- ahead of the sequence leaves sid empty, and the transaction path draws again.
    INSERT INTO "Schema" ("id", "type", "schema", "fingerprint", "references")
      VALUES (nextval('schema_id_seq')::INTEGER, p_type, p_schema, p_fingerprint, '[]'::JSONB)
      ON CONFLICT DO NOTHING RETURNING "id" INTO sid;
    IF sid IS NULL THEN
      SELECT "id" INTO sid FROM "Schema" WHERE "fingerprint" = p_fingerprint;
    END IF;
    IF sid IS NULL THEN
      RETURN NULL;
    END IF;
  END IF;
  INSERT INTO "SubjectVersion" ("subject", "version", "schemaId", "registeredUnder") VALUES (p_subject, p_version, sid, p_level);
  IF p_claim IS NOT NULL THEN
    INSERT INTO "SubjectConfig" ("subject", "ownerTeam") VALUES (p_subject, p_claim)
      ON CONFLICT ("subject") DO UPDATE SET "ownerTeam" = EXCLUDED."ownerTeam";
  END IF;
  PERFORM audit_append(jsonb_set(p_audit, '{after,id}', to_jsonb(sid)));
  RETURN sid;
END
$$;

-- As before (migration 20261130161000), but the decision's state is named by the snapshot it was
-- read at (p_snapshot, pg_snapshot text). Under the subject's registration lock (the same one the
-- transaction path takes) the registry must not have moved since (registry_moved); if it did, nothing
-- is written and "stale" comes back: the caller decides again on the transaction path.
CREATE FUNCTION registry_register(
  p_subject TEXT, p_snapshot TEXT, p_version INTEGER, p_type TEXT, p_schema TEXT, p_fingerprint TEXT,
  p_level TEXT, p_claim TEXT, p_audit JSONB
) RETURNS TABLE (schema_id INTEGER, stale BOOLEAN) LANGUAGE plpgsql AS $$
DECLARE
  sid INTEGER;
BEGIN
  -- 1162892114 = 0x45505352 ("EPSR"), REGISTRY_LOCK in register-schema.ts.
  PERFORM pg_advisory_xact_lock(1162892114, hashtext(p_subject));
  IF registry_moved(p_snapshot::pg_snapshot, p_subject) THEN
    RETURN QUERY SELECT NULL::INTEGER, true;
    RETURN;
  END IF;
  sid := registry_write_version(p_subject, p_version, p_type, p_schema, p_fingerprint, p_level, p_claim, p_audit);
  RETURN QUERY SELECT sid, sid IS NULL;
END
$$;

-- Version 1 of a subject the caller never read, decided on the global settings as of p_snapshot and
-- on the subject having no rows (see registerFirstVersion in register-schema.ts): written only if,
-- under the subject's registration lock, the subject has no version (not even a deleted one) and no
-- settings row, and the global settings did not move. Otherwise nothing is written and "stale" comes
-- back: the caller reads the subject and decides again.
CREATE FUNCTION registry_register_first(
  p_subject TEXT, p_snapshot TEXT, p_type TEXT, p_schema TEXT, p_fingerprint TEXT, p_level TEXT, p_claim TEXT, p_audit JSONB
) RETURNS TABLE (schema_id INTEGER, stale BOOLEAN) LANGUAGE plpgsql AS $$
DECLARE
  sid INTEGER;
BEGIN
  PERFORM pg_advisory_xact_lock(1162892114, hashtext(p_subject));
  IF EXISTS (SELECT 1 FROM "SubjectVersion" WHERE "subject" = p_subject)
     OR EXISTS (SELECT 1 FROM "SubjectConfig" WHERE "subject" = p_subject)
     OR registry_moved(p_snapshot::pg_snapshot, '') THEN
    RETURN QUERY SELECT NULL::INTEGER, true;
    RETURN;
  END IF;
  sid := registry_write_version(p_subject, 1, p_type, p_schema, p_fingerprint, p_level, p_claim, p_audit);
  RETURN QUERY SELECT sid, sid IS NULL;
END
$$;

-- A subject's first version, decided by a web process that has never read the subject (it assumes
-- the subject is empty and owes nothing to settings of its own), written in the same one call as
-- registry_register. See registerFirstVersion in server/domain/schemas/register-schema.ts.

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

-- registry_register as before (migration 20261130222455), its write moved into registry_write_version.
CREATE OR REPLACE FUNCTION registry_register(
  p_subject TEXT, p_snapshot TEXT, p_version INTEGER, p_type TEXT, p_schema TEXT, p_fingerprint TEXT,
  p_level TEXT, p_claim TEXT, p_audit JSONB
) RETURNS TABLE (schema_id INTEGER, stale BOOLEAN) LANGUAGE plpgsql AS $$
DECLARE
  snap pg_snapshot := p_snapshot::pg_snapshot;
  sid INTEGER;
BEGIN
  -- 1162892114 = 0x45505352 ("EPSR"), REGISTRY_LOCK in register-schema.ts.
  PERFORM pg_advisory_xact_lock(1162892114, hashtext(p_subject));
  IF (SELECT "xid" FROM "RegistryLogFloor" WHERE "id" = 1) > pg_snapshot_xmin(snap)::text::bigint
     OR EXISTS (SELECT 1 FROM "RegistryChange"
                WHERE "subject" = '' AND "xid" >= pg_snapshot_xmin(snap)::text::bigint
                  AND NOT pg_visible_in_snapshot("xid"::text::xid8, snap))
     OR EXISTS (SELECT 1 FROM "RegistryChange"
                WHERE "subject" IS NULL AND "xid" >= pg_snapshot_xmin(snap)::text::bigint
                  AND NOT pg_visible_in_snapshot("xid"::text::xid8, snap))
     OR EXISTS (SELECT 1 FROM "RegistryChange"
                WHERE "subject" = p_subject AND "xid" >= pg_snapshot_xmin(snap)::text::bigint
                  AND NOT pg_visible_in_snapshot("xid"::text::xid8, snap)) THEN
    RETURN QUERY SELECT NULL::INTEGER, true;
    RETURN;
  END IF;
  sid := registry_write_version(p_subject, p_version, p_type, p_schema, p_fingerprint, p_level, p_claim, p_audit);
  RETURN QUERY SELECT sid, sid IS NULL;
END
$$;

-- Version 1 of p_subject, decided on the global settings as of p_snapshot and on the subject having
-- no rows: written only if, under the subject's registration lock, the subject has no version (not
-- even a deleted one) and no settings row, and the global settings did not change after the snapshot.
-- Otherwise nothing is written and "stale" comes back: the caller reads the subject and decides again.
CREATE FUNCTION registry_register_first(
  p_subject TEXT, p_snapshot TEXT, p_type TEXT, p_schema TEXT, p_fingerprint TEXT, p_level TEXT, p_claim TEXT, p_audit JSONB
) RETURNS TABLE (schema_id INTEGER, stale BOOLEAN) LANGUAGE plpgsql AS $$
DECLARE
  snap pg_snapshot := p_snapshot::pg_snapshot;
  sid INTEGER;
BEGIN
  PERFORM pg_advisory_xact_lock(1162892114, hashtext(p_subject));
  IF EXISTS (SELECT 1 FROM "SubjectVersion" WHERE "subject" = p_subject)
     OR EXISTS (SELECT 1 FROM "SubjectConfig" WHERE "subject" = p_subject)
     OR (SELECT "xid" FROM "RegistryLogFloor" WHERE "id" = 1) > pg_snapshot_xmin(snap)::text::bigint
     OR EXISTS (SELECT 1 FROM "RegistryChange"
                WHERE "subject" = '' AND "xid" >= pg_snapshot_xmin(snap)::text::bigint
                  AND NOT pg_visible_in_snapshot("xid"::text::xid8, snap))
     OR EXISTS (SELECT 1 FROM "RegistryChange"
                WHERE "subject" IS NULL AND "xid" >= pg_snapshot_xmin(snap)::text::bigint
                  AND NOT pg_visible_in_snapshot("xid"::text::xid8, snap)) THEN
    RETURN QUERY SELECT NULL::INTEGER, true;
    RETURN;
  END IF;
  sid := registry_write_version(p_subject, 1, p_type, p_schema, p_fingerprint, p_level, p_claim, p_audit);
  RETURN QUERY SELECT sid, sid IS NULL;
END
$$;

-- A registration decided from a web process's registry memory, written in one call (one round trip,
-- one commit) instead of a transaction of several statements. See registerFromMemory in
-- server/domain/schemas/register-schema.ts.

-- The audit context's way in for a change made inside a database function: one entry, given as JSON
-- (built by auditEntryJson in server/domain/audit/append-audit.ts), appended in the caller's transaction.
CREATE FUNCTION audit_append(entry JSONB) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "AuditEntry" ("actorKind", "actorId", "actorName", "action", "targetType", "targetId", "team", "before", "after", "sourceIp", "requestId")
  VALUES (entry->>'actorKind', entry->>'actorId', entry->>'actorName', entry->>'action', entry->>'targetType', coalesce(entry->>'targetId', ''),
          entry->>'team', entry->'before', entry->'after', entry->>'sourceIp', entry->>'requestId');
$$;

-- Registers version p_version of p_subject, decided by the caller from the registry as it stood at
-- change epoch p_epoch. Under the subject's registration lock (the same one the transaction path
-- takes), and with a fresh view of the tables (each statement of a volatile function sees what was
-- committed before it started), it first makes sure nothing the decision rested on moved: no change
-- to the subject or to the global settings after p_epoch, and a change log that still reaches back to
-- p_epoch. If something moved, nothing is written and "stale" comes back: the caller decides again on
-- the transaction path. Otherwise the schema's row (found by fingerprint or added with an id from the
-- sequence), the version, the owner's claim and the audit entry are written, and the id returned.
CREATE FUNCTION registry_register(
  p_subject TEXT, p_epoch BIGINT, p_version INTEGER, p_type TEXT, p_schema TEXT, p_fingerprint TEXT,
  p_level TEXT, p_claim TEXT, p_audit JSONB
) RETURNS TABLE (schema_id INTEGER, stale BOOLEAN) LANGUAGE plpgsql AS $$
DECLARE
  current_epoch BIGINT;
  sid INTEGER;
BEGIN
  -- 1162892114 = 0x45505352 ("EPSR"), REGISTRY_LOCK in register-schema.ts.
  PERFORM pg_advisory_xact_lock(1162892114, hashtext(p_subject));
  SELECT "epoch" INTO current_epoch FROM "RegistryEpoch" WHERE "id" = 1;
  IF current_epoch > p_epoch AND (
       coalesce((SELECT min("epoch") FROM "RegistryChange"), current_epoch + 1) > p_epoch + 1
       OR EXISTS (SELECT 1 FROM "RegistryChange" WHERE "epoch" > p_epoch AND ("subject" IS NULL OR "subject" IN (p_subject, '')))) THEN
    RETURN QUERY SELECT NULL::INTEGER, true;
    RETURN;
  END IF;
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
      RETURN QUERY SELECT NULL::INTEGER, true;
      RETURN;
    END IF;
  END IF;
  INSERT INTO "SubjectVersion" ("subject", "version", "schemaId", "registeredUnder") VALUES (p_subject, p_version, sid, p_level);
  IF p_claim IS NOT NULL THEN
    INSERT INTO "SubjectConfig" ("subject", "ownerTeam") VALUES (p_subject, p_claim)
      ON CONFLICT ("subject") DO UPDATE SET "ownerTeam" = EXCLUDED."ownerTeam";
  END IF;
  PERFORM audit_append(jsonb_set(p_audit, '{after,id}', to_jsonb(sid)));
  RETURN QUERY SELECT sid, false;
END
$$;

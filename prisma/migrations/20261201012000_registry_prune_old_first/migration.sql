-- The prune looked at the oldest 10,000 log rows by id and then kept those older than a minute, so a
-- row written with an older time behind 10,000 recent ones was not reached until they aged. Now the age
-- is filtered before the limit: the walk in id order skips recent rows and takes up to 10,000 old ones.
CREATE OR REPLACE FUNCTION registry_prune() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  cut BIGINT;
BEGIN
  -- 1162892115 = "EPSR" + 1: not the registration lock's key.
  IF NOT pg_try_advisory_xact_lock(1162892115) THEN
    RETURN;
  END IF;
  SELECT max("xid") + 1 INTO cut
    FROM (SELECT "xid" FROM "RegistryChange"
          WHERE "at" < CURRENT_TIMESTAMP - interval '1 minute'
          ORDER BY "id" LIMIT 10000) AS oldest;
  IF cut IS NULL THEN
    RETURN;
  END IF;
  UPDATE "RegistryLogFloor" SET "xid" = greatest("xid", cut) WHERE "id" = 1;
  DELETE FROM "RegistryChange" WHERE "xid" < cut;
END
$$;

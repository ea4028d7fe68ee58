-- The registry's change counter and log, moved by triggers (see registry-memory.ts).
-- CreateTable
CREATE TABLE "RegistryEpoch" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "epoch" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "RegistryEpoch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegistryChange" (
    "epoch" BIGINT NOT NULL,
    "subject" TEXT,

    CONSTRAINT "RegistryChange_pkey" PRIMARY KEY ("epoch")
);

-- The counter's one row.
INSERT INTO "RegistryEpoch" ("id", "epoch") VALUES (1, 0);

-- Every change to a subject's versions or settings moves the counter and says which subject changed,
-- in the writer's transaction. The counter row's lock orders writers, so epochs are committed in
-- order and a reader that sees epoch N sees every change up to N. The row triggers are deferred to
-- the commit, so the counter is held only while a transaction commits, not while it works.
CREATE FUNCTION registry_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  next_epoch BIGINT;
  changed TEXT;
BEGIN
  UPDATE "RegistryEpoch" SET "epoch" = "epoch" + 1 WHERE "id" = 1 RETURNING "epoch" INTO next_epoch;
  IF TG_OP = 'TRUNCATE' THEN
    changed := NULL;
  ELSIF TG_OP = 'DELETE' THEN
    changed := OLD."subject";
  ELSE
    changed := NEW."subject";
  END IF;
  INSERT INTO "RegistryChange" ("epoch", "subject") VALUES (next_epoch, changed);
  IF next_epoch % 1000 = 0 THEN
    DELETE FROM "RegistryChange" WHERE "epoch" <= next_epoch - 10000;
  END IF;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "SubjectVersion_changed" AFTER INSERT OR UPDATE OR DELETE ON "SubjectVersion"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION registry_changed();
CREATE TRIGGER "SubjectVersion_truncated" AFTER TRUNCATE ON "SubjectVersion"
  FOR EACH STATEMENT EXECUTE FUNCTION registry_changed();
CREATE CONSTRAINT TRIGGER "SubjectConfig_changed" AFTER INSERT OR UPDATE OR DELETE ON "SubjectConfig"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION registry_changed();
CREATE TRIGGER "SubjectConfig_truncated" AFTER TRUNCATE ON "SubjectConfig"
  FOR EACH STATEMENT EXECUTE FUNCTION registry_changed();

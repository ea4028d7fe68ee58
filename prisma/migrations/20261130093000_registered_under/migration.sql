-- The compatibility level each new version was checked under, so the scorecard can name versions let in unchecked.
ALTER TABLE "SubjectVersion" ADD COLUMN "registeredUnder" TEXT;

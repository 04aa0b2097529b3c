-- DropForeignKey
ALTER TABLE "Violation" DROP CONSTRAINT "Violation_runId_fkey";

-- DropIndex
DROP INDEX "Violation_runId_kind_subject_key";

-- DropIndex
DROP INDEX "Violation_runId_zoneId_idx";

-- AlterTable
ALTER TABLE "EvaluationRun" ADD COLUMN     "openedCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "resolvedCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "worldVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable: a violation is now stored once per episode. The latest run's
-- violations become the open ones, opened by that run; copies kept for older
-- runs are dropped (their counts stay on EvaluationRun).
ALTER TABLE "Violation" ADD COLUMN     "openedAt" TIMESTAMPTZ(3),
ADD COLUMN     "openedRunId" INTEGER,
ADD COLUMN     "resolvedAt" TIMESTAMPTZ(3),
ADD COLUMN     "resolvedRunId" INTEGER;
DELETE FROM "Violation" WHERE "runId" <> (SELECT max("id") FROM "EvaluationRun");
UPDATE "Violation" v SET "openedRunId" = r."id", "openedAt" = r."at" FROM "EvaluationRun" r WHERE r."id" = v."runId";
ALTER TABLE "Violation" ALTER COLUMN "openedAt" SET NOT NULL, ALTER COLUMN "openedRunId" SET NOT NULL, DROP COLUMN "runId";

-- CreateTable
CREATE TABLE "WorldChange" (
    "version" INTEGER NOT NULL,
    "txid" BIGINT NOT NULL,
    "described" BOOLEAN NOT NULL DEFAULT false,
    "changes" JSONB NOT NULL DEFAULT '[]',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorldChange_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "ViolationRevision" (
    "violationId" INTEGER NOT NULL,
    "runId" INTEGER NOT NULL,
    "categories" TEXT[],

    CONSTRAINT "ViolationRevision_pkey" PRIMARY KEY ("violationId","runId")
);

-- CreateIndex
CREATE UNIQUE INDEX "WorldChange_txid_key" ON "WorldChange"("txid");

-- CreateIndex
CREATE INDEX "ViolationRevision_runId_idx" ON "ViolationRevision"("runId");

-- CreateIndex
CREATE INDEX "Violation_resolvedRunId_zoneId_kind_idx" ON "Violation"("resolvedRunId", "zoneId", "kind");

-- CreateIndex
CREATE INDEX "Violation_openedAt_idx" ON "Violation"("openedAt");

-- CreateIndex
CREATE INDEX "Violation_resolvedAt_idx" ON "Violation"("resolvedAt");

-- CreateIndex
CREATE INDEX "Violation_kind_subject_idx" ON "Violation"("kind", "subject");

-- AddForeignKey
ALTER TABLE "Violation" ADD CONSTRAINT "Violation_openedRunId_fkey" FOREIGN KEY ("openedRunId") REFERENCES "EvaluationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Violation" ADD CONSTRAINT "Violation_resolvedRunId_fkey" FOREIGN KEY ("resolvedRunId") REFERENCES "EvaluationRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ViolationRevision" ADD CONSTRAINT "ViolationRevision_violationId_fkey" FOREIGN KEY ("violationId") REFERENCES "Violation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ViolationRevision" ADD CONSTRAINT "ViolationRevision_runId_fkey" FOREIGN KEY ("runId") REFERENCES "EvaluationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (Prisma's schema cannot describe these; the drift test knows the zl_ prefix).

-- One open violation per identity (kind, subject, zone).
CREATE UNIQUE INDEX "zl_violation_open_identity" ON "Violation"("kind", "subject", "zoneId") WHERE "resolvedRunId" IS NULL;

-- The world version. Every statement that changes a row of the world's tables
-- notes the transaction in "WorldChange" (once per transaction, at the next
-- version). The advisory lock is held until commit, so versions are given out
-- in commit order and without gaps: a reader that sees version v has seen
-- every earlier one. NOTIFY tells other app processes at commit.
CREATE FUNCTION zl_note_world_change() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  v integer;
BEGIN
  SELECT "version" INTO v FROM "WorldChange" WHERE "txid" = txid_current();
  IF FOUND THEN RETURN v; END IF;
  PERFORM pg_advisory_xact_lock(7106502);
  SELECT coalesce(max("version"), 0) + 1 INTO v FROM "WorldChange";
  INSERT INTO "WorldChange" ("version", "txid") VALUES (v, txid_current());
  -- the log only serves processes catching up; one far behind reloads the world
  IF v % 1000 = 0 THEN DELETE FROM "WorldChange" WHERE "version" <= v - 10000; END IF;
  PERFORM pg_notify('zoneline_world', v::text);
  RETURN v;
END $$;

CREATE FUNCTION zl_world_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- statement triggers fire even when no row changed (ON CONFLICT DO NOTHING, an empty DELETE)
  IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' THEN
    IF NOT EXISTS (SELECT 1 FROM zl_new_rows) THEN RETURN NULL; END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM zl_old_rows) THEN RETURN NULL; END IF;
  END IF;
  PERFORM zl_note_world_change();
  RETURN NULL;
END $$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['DataCategory', 'Purpose', 'Zone', 'ZoneCategoryRule', 'ZonePurpose', 'Asset', 'AssetLabel', 'LineageEdge', 'SanctionedPath'] LOOP
    EXECUTE format('CREATE TRIGGER zl_world_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS zl_new_rows FOR EACH STATEMENT EXECUTE FUNCTION zl_world_changed()', t);
    EXECUTE format('CREATE TRIGGER zl_world_update AFTER UPDATE ON %I REFERENCING NEW TABLE AS zl_new_rows FOR EACH STATEMENT EXECUTE FUNCTION zl_world_changed()', t);
    EXECUTE format('CREATE TRIGGER zl_world_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS zl_old_rows FOR EACH STATEMENT EXECUTE FUNCTION zl_world_changed()', t);
    EXECUTE format('CREATE TRIGGER zl_world_truncate AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION zl_world_changed()', t);
  END LOOP;
END $$;

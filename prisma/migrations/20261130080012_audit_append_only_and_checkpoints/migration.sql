-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "sequence" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "keyFingerprint" TEXT NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("sequence")
);

-- CreateIndex
CREATE INDEX "AuditEntry_actor_idx" ON "AuditEntry"("actor");

-- Hand-written (Prisma's schema cannot describe triggers).

-- The audit log is append-only (DESIGN.md, Audit log): the database itself
-- refuses to change or remove an entry or a checkpoint, whoever asks. Statement
-- triggers, so even an UPDATE or DELETE that matches no row is refused, and
-- TRUNCATE (which fires no row trigger) too. Only someone who can disable the
-- trigger (the table owner or a superuser) can tamper, and verification then
-- names the first entry concerned.
CREATE FUNCTION zl_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '"%" is append-only: % is refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation',
          HINT = 'The audit log keeps every entry as it was written; record a new entry instead.';
END $$;

CREATE TRIGGER zl_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION zl_refuse_audit_change();

CREATE TRIGGER zl_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION zl_refuse_audit_change();

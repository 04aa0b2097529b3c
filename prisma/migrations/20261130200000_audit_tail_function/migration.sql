-- Hand-written (Prisma's schema cannot describe functions; the drift test knows the zl_ prefix).

-- Takes the audit chain's lock (held to commit) and returns the chain's tail
-- as it is once the lock is held: one round trip for what took two. A
-- statement in a plpgsql function takes its own snapshot after the lock (READ
-- COMMITTED), so it sees every entry the lock's previous holder committed.
CREATE FUNCTION zl_lock_audit_tail() RETURNS TABLE ("sequence" integer, "hash" text, "lastSignedAt" timestamptz) LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7106500);
  RETURN QUERY
    SELECT e."sequence", e."hash",
           (SELECT c."signedAt"::timestamptz FROM "AuditCheckpoint" c ORDER BY c."sequence" DESC LIMIT 1)
      FROM "AuditEntry" e ORDER BY e."sequence" DESC LIMIT 1;
END $$;

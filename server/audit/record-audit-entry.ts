import { appendEntry, type AuditFields, type JsonValue } from "@/lib/audit";
import type { Tx } from "../db";
import { checkpointDue, signAuditCheckpoint } from "./sign-audit-checkpoint";

// Any key will do as long as every writer of the chain takes the same one.
const AUDIT_CHAIN_LOCK = 7_106_500;

export interface AuditRecord {
  actor: string;
  action: string;
  subject: string;
  payload: JsonValue;
  at?: Date;
}

/**
 * Appends one entry to the hash chain inside the caller's transaction, so a
 * decision and its audit entry are written together or not at all. The advisory
 * lock serialises writers so two transactions never extend the same tail. When
 * a checkpoint is due, the new head is signed in the same transaction.
 */
export async function recordAuditEntry(tx: Tx, record: AuditRecord) {
  const [created] = await recordAuditEntries(tx, [record]);
  return created;
}

/** Several entries, chained in order, under one lock and one read of the tail (group commit: audit-group-commit.ts). */
export async function recordAuditEntries(tx: Tx, records: readonly AuditRecord[]) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const [tail] = await tx.$queryRaw<{ sequence: number; hash: string; lastSignedAt: Date | null }[]>`
    SELECT e."sequence", e."hash",
           (SELECT c."signedAt" FROM "AuditCheckpoint" c ORDER BY c."sequence" DESC LIMIT 1) AS "lastSignedAt"
      FROM "AuditEntry" e ORDER BY e."sequence" DESC LIMIT 1`;
  const now = new Date();
  let previous: { sequence: number; hash: string } | null = tail ?? null;
  let lastSignedAt = tail?.lastSignedAt ?? null;
  const rows = [];
  const due = [];
  for (const record of records) {
    const at = new Date(Math.floor((record.at ?? now).getTime()));
    const entry: ReturnType<typeof appendEntry<AuditFields>> = appendEntry(previous, { at: at.toISOString(), actor: record.actor, action: record.action, subject: record.subject, payload: record.payload });
    previous = entry;
    rows.push({ sequence: entry.sequence, at, actor: entry.actor, action: entry.action, subject: entry.subject, payload: entry.payload as object, prevHash: entry.prevHash, hash: entry.hash });
    if (checkpointDue(entry.sequence, lastSignedAt, now)) {
      due.push(entry);
      lastSignedAt = now;
    }
  }
  const created = rows.length === 1 ? [await tx.auditEntry.create({ data: rows[0] })] : await tx.auditEntry.createManyAndReturn({ data: rows });
  for (const entry of due) await signAuditCheckpoint(tx, entry, now);
  return created;
}

import { appendEntry, type JsonValue } from "@/lib/audit";
import type { Tx } from "../db";

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
 * lock serialises writers so two transactions never extend the same tail.
 */
export async function recordAuditEntry(tx: Tx, record: AuditRecord) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const tail = await tx.auditEntry.findFirst({ orderBy: { sequence: "desc" }, select: { sequence: true, hash: true } });
  const at = new Date(Math.floor((record.at ?? new Date()).getTime()));
  const entry = appendEntry(tail, {
    at: at.toISOString(),
    actor: record.actor,
    action: record.action,
    subject: record.subject,
    payload: record.payload,
  });
  return tx.auditEntry.create({
    data: {
      sequence: entry.sequence,
      at,
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      payload: entry.payload as object,
      prevHash: entry.prevHash,
      hash: entry.hash,
    },
  });
}

import { signCheckpoint, type CheckpointHead } from "@/lib/audit";
import type { PrismaClient, Tx } from "../db";
import { prismaSql, type RunSql } from "../db/run-sql";
import { auditSigningKey } from "./audit-key";

// When the chain head is signed (README, "Audit log"):
// - by the writer, in the transaction of the entry, at every CHECKPOINT_EVERYth
//   entry, and at the first entry written when the last checkpoint is older
//   than CHECKPOINT_MAX_AGE_MS (or there is none): an Ed25519 signature costs
//   tens of microseconds, so this stays off the writers' critical cost;
// - by verification, over the last entry it found intact (each Audit page view,
//   and before an evidence export), so what a reviewer has seen verified is vouched for.
// The periodic ones are always there, so verification reports one that is missing.
export const CHECKPOINT_EVERY = 100;
export const CHECKPOINT_MAX_AGE_MS = 5 * 60_000;

export function checkpointDue(sequence: number, lastSignedAt: Date | null, now: Date): boolean {
  return sequence % CHECKPOINT_EVERY === 0 || !lastSignedAt || now.getTime() - lastSignedAt.getTime() >= CHECKPOINT_MAX_AGE_MS;
}

/** Signs (sequence, hash) and stores the checkpoint; one already there for that entry is kept. */
export async function signAuditCheckpoint(db: Tx | PrismaClient, head: CheckpointHead, at = new Date()): Promise<void> {
  await signAuditCheckpointWith(prismaSql(db), head, at);
}

export async function signAuditCheckpointWith(sql: RunSql, head: CheckpointHead, at = new Date()): Promise<void> {
  const checkpoint = signCheckpoint(head, auditSigningKey().key, at);
  await sql(
    `INSERT INTO "AuditCheckpoint" ("sequence", "hash", "signature", "keyFingerprint", "signedAt")
     VALUES ($1, $2, $3, $4, $5::timestamptz)
     ON CONFLICT ("sequence") DO NOTHING RETURNING "sequence"`,
    [checkpoint.sequence, checkpoint.hash, checkpoint.signature, checkpoint.keyFingerprint, new Date(checkpoint.signedAt).toISOString()],
  );
}

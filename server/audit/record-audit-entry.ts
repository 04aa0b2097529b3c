import { appendEntry, type AuditFields, type CheckpointHead, type JsonValue } from "@/lib/audit";
import { asSql, type RunSql, type SqlClient } from "../db/run-sql";
import { checkpointDue, signAuditCheckpointWith } from "./sign-audit-checkpoint";

// Any key will do as long as every writer of the chain takes the same one.
const AUDIT_CHAIN_LOCK = 7_106_500;

export interface AuditRecord {
  actor: string;
  action: string;
  subject: string;
  payload: JsonValue;
  at?: Date;
}

export interface StoredAuditEntry {
  sequence: number;
  at: Date;
  actor: string;
  action: string;
  subject: string;
  payload: JsonValue;
  prevHash: string;
  hash: string;
}

const LOCK_CHAIN = `SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})::text AS "locked"`;
const READ_TAIL = `
  SELECT e."sequence", e."hash",
         (SELECT c."signedAt" FROM "AuditCheckpoint" c ORDER BY c."sequence" DESC LIMIT 1) AS "lastSignedAt"
    FROM "AuditEntry" e ORDER BY e."sequence" DESC LIMIT 1`;
const INSERT_ENTRIES = `
  INSERT INTO "AuditEntry" ("sequence", "at", "actor", "action", "subject", "payload", "prevHash", "hash")
  SELECT r."sequence", r."at", r."actor", r."action", r."subject", r."payload", r."prevHash", r."hash"
    FROM jsonb_to_recordset($1::jsonb) AS r("sequence" int, "at" timestamptz, "actor" text, "action" text, "subject" text, "payload" jsonb, "prevHash" text, "hash" text)`;

/**
 * Appends one entry to the hash chain inside the caller's transaction, so a
 * decision and its audit entry are written together or not at all. The advisory
 * lock serialises writers so two transactions never extend the same tail. When
 * a checkpoint is due, the new head is signed in the same transaction.
 */
export async function recordAuditEntry(tx: SqlClient, record: AuditRecord): Promise<StoredAuditEntry> {
  const [created] = await appendAuditEntries(asSql(tx), [record]);
  return created;
}

/**
 * Several entries, chained in order, under one lock and one read of the tail,
 * in the transaction `sql` runs in: a Prisma one (recordAuditEntry) or a `pg`
 * client's (the group commit of admission checks, audit-group-commit.ts).
 */
export async function appendAuditEntries(sql: RunSql, records: readonly AuditRecord[]): Promise<StoredAuditEntry[]> {
  await sql(LOCK_CHAIN, []);
  const [tail] = await sql<{ sequence: number; hash: string; lastSignedAt: Date | null }>(READ_TAIL, []);
  const now = new Date();
  let previous: { sequence: number; hash: string } | null = tail ?? null;
  let lastSignedAt = tail?.lastSignedAt ?? null;
  const rows: StoredAuditEntry[] = [];
  const due: CheckpointHead[] = [];
  for (const record of records) {
    const at = new Date(Math.floor((record.at ?? now).getTime()));
    const entry: ReturnType<typeof appendEntry<AuditFields>> = appendEntry(previous, { at: at.toISOString(), actor: record.actor, action: record.action, subject: record.subject, payload: record.payload });
    previous = entry;
    rows.push({ sequence: entry.sequence, at, actor: entry.actor, action: entry.action, subject: entry.subject, payload: entry.payload, prevHash: entry.prevHash, hash: entry.hash });
    if (checkpointDue(entry.sequence, lastSignedAt, now)) {
      due.push(entry);
      lastSignedAt = now;
    }
  }
  await sql(INSERT_ENTRIES, [JSON.stringify(rows)]);
  for (const head of due) await signAuditCheckpointWith(sql, head, now);
  return rows;
}

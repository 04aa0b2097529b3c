import { appendEntry, type AuditFields, type CheckpointHead, type JsonValue } from "@/lib/audit";
import { asSql, type RunSql, type SqlClient, type Statement } from "../db/run-sql";
import { checkpointDue, signAuditCheckpointWith } from "./sign-audit-checkpoint";

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

// the chain's advisory lock (every writer takes it, so two never extend the same tail) and the tail under it:
// one round trip (the audit_tail_function migration)
export const LOCK_AUDIT_TAIL = `SELECT "sequence", "hash", "lastSignedAt" FROM zl_lock_audit_tail()`;

/** What LOCK_AUDIT_TAIL reads: no row while the chain is empty. */
export type AuditTail = { sequence: number; hash: string; lastSignedAt: Date | null };
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
  const chained = await chainAuditEntries(sql, records);
  await sql(chained.insert.text, chained.insert.params);
  await chained.signCheckpoints();
  return chained.entries;
}

/**
 * Takes the chain's lock, reads the tail and chains `records` onto it, but
 * leaves the INSERT to the caller: a writer with other rows to write sends
 * them together with it as one statement (run-sql.ts combineWrites). Then
 * `signCheckpoints` signs the heads that are due, in the same transaction.
 */
export async function chainAuditEntries(
  sql: RunSql,
  records: readonly AuditRecord[],
  /** the rows of LOCK_AUDIT_TAIL when the caller already ran it (in its transaction's opening round trip) */
  lockedTail?: AuditTail[],
): Promise<{ entries: StoredAuditEntry[]; insert: Statement; checkpointsDue: number; signCheckpoints(): Promise<void> }> {
  const [tail] = lockedTail ?? (await sql<AuditTail>(LOCK_AUDIT_TAIL, []));
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
  return {
    entries: rows,
    insert: { text: INSERT_ENTRIES, params: [JSON.stringify(rows)] },
    checkpointsDue: due.length,
    async signCheckpoints() {
      for (const head of due) await signAuditCheckpointWith(sql, head, now);
    },
  };
}

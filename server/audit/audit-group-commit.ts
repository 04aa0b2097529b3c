// Group commit for audit entries that many callers write at once (admission
// checks: DESIGN.md, "every answer is an audit entry"). Each entry of the
// chain needs the chain lock and the tail, so one transaction per entry caps
// a process at one entry per round trip and queues concurrent callers behind
// the lock. Here the entries that arrive while one transaction commits are
// written together by the next one; each caller still gets its answer only
// after its own entry is committed. The transaction goes through `pg` rather
// than Prisma: it is the hot path of every admission check.
import { EndingWith, inPgTransaction, pgSql } from "../db/run-sql";
import { chainAuditEntries, LOCK_AUDIT_TAIL, type AuditRecord, type AuditTail } from "./record-audit-entry";

interface Pending {
  record: AuditRecord;
  resolve: () => void;
  reject: (error: unknown) => void;
}

// bounds one transaction's size when a burst arrives
const MAX_BATCH = 500;

const state = globalThis as unknown as { zonelineAuditQueue?: { pending: Pending[]; flushing: boolean } };
const queue = () => (state.zonelineAuditQueue ??= { pending: [], flushing: false });

/** Resolves once the entry is committed; rejects if its transaction failed (nothing of that batch was written). */
export function recordAuditEntryGrouped(record: AuditRecord): Promise<void> {
  return new Promise((resolve, reject) => {
    const q = queue();
    q.pending.push({ record, resolve, reject });
    if (!q.flushing) void flush();
  });
}

async function flush(): Promise<void> {
  const q = queue();
  q.flushing = true;
  try {
    while (q.pending.length) {
      const batch = q.pending.splice(0, MAX_BATCH);
      try {
        // BEGIN with the chain's lock and tail, then the INSERT with COMMIT: two round trips
        await inPgTransaction(async (client, [tail]) => {
          const sql = pgSql(client);
          const chained = await chainAuditEntries(sql, batch.map((p) => p.record), tail as AuditTail[]);
          if (!chained.checkpointsDue) return new EndingWith(undefined, chained.insert);
          await sql(chained.insert.text, chained.insert.params);
          await chained.signCheckpoints(); // a due checkpoint is signed in the same transaction, after the entries
        }, [LOCK_AUDIT_TAIL]);
        for (const p of batch) p.resolve();
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
  } finally {
    q.flushing = false;
  }
}

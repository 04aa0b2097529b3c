import { GENESIS_HASH, verifyChain, type AuditEntry, type ChainBreak } from "@/lib/audit";
import { prisma } from "../db";

// Entries are read and hashed in slices, so a long chain never sits in memory whole.
const BATCH = 2_000;
const ROW = 1;

export type AuditChainStatus = {
  /** From the first entry (a full check) or from the last verified one. */
  full: boolean;
  /** Entries hashed by this check. */
  hashed: number;
  /** The last entry known to be intact, after this check (0: none). */
  verifiedThrough: number;
  /** When the whole chain was last re-hashed from its first entry. */
  fullCheckAt: Date | null;
} & ({ ok: true } | { ok: false; sequence: number; reason: ChainBreak; message: string });

type Anchor = { sequence: number; hash: string };
const GENESIS: Anchor = { sequence: 0, hash: GENESIS_HASH };

/**
 * Verifies the audit chain. By default only the entries written since the last
 * verified one are hashed (one view costs what was appended since the previous
 * view, not the length of the log); `full` re-hashes from the first entry, which
 * is the only way to find an entry edited inside the already-verified prefix.
 * The last verified (sequence, hash) is kept in the database so that every app
 * process shares it and a restart does not re-hash the whole log.
 */
export async function verifyAuditChain({ full = false }: { full?: boolean } = {}): Promise<AuditChainStatus> {
  const db = prisma();
  const saved = await db.auditVerification.findUnique({ where: { id: ROW } });
  const start: Anchor = full || !saved ? GENESIS : { sequence: saved.sequence, hash: saved.hash };
  const fromGenesis = start.sequence === 0;
  let fullCheckAt = saved?.fullCheckAt ?? null;

  if (!fromGenesis) {
    // The tail hangs off the verified entry: if that entry is gone or its hash changed, the
    // prefix was rewritten or truncated, and only a full check can say where it starts.
    const anchorRow = await db.auditEntry.findUnique({ where: { sequence: start.sequence }, select: { hash: true } });
    if (!anchorRow || anchorRow.hash !== start.hash) {
      return {
        ok: false,
        full,
        hashed: 0,
        verifiedThrough: start.sequence,
        fullCheckAt,
        sequence: start.sequence,
        reason: anchorRow ? "hash_mismatch" : "sequence_gap",
        message: anchorRow
          ? `entry ${start.sequence} was verified with hash ${start.hash} and now has ${anchorRow.hash}: re-check the whole chain to find the first entry concerned`
          : `entry ${start.sequence} was verified and is gone: the log was truncated or rewritten`,
      };
    }
  }

  let anchor = start;
  let hashed = 0;
  let failure: { sequence: number; reason: ChainBreak; message: string } | null = null;
  for (;;) {
    const batch = (await db.auditEntry.findMany({
      where: { sequence: { gt: anchor.sequence } },
      orderBy: { sequence: "asc" },
      take: BATCH,
    })) as unknown as AuditEntry[];
    if (batch.length === 0) break;
    const result = verifyChain(batch, { anchor });
    if (!result.ok) {
      const at = batch.findIndex((entry) => entry.sequence === result.sequence);
      hashed += at + 1;
      if (at > 0) anchor = { sequence: batch[at - 1].sequence, hash: batch[at - 1].hash };
      failure = { sequence: result.sequence, reason: result.reason, message: result.message };
      break;
    }
    hashed += batch.length;
    const last = batch.at(-1)!;
    anchor = { sequence: last.sequence, hash: last.hash };
    if (batch.length < BATCH) break;
  }

  const now = new Date();
  if (fromGenesis) fullCheckAt = now;
  // A full check may move the mark back (to just before a break it found); an incremental
  // one only moves it on from where it started, so it never hides a break found meanwhile.
  await db.$executeRaw`
    INSERT INTO "AuditVerification" ("id", "sequence", "hash", "verifiedAt", "fullCheckAt")
    VALUES (${ROW}, ${anchor.sequence}, ${anchor.hash}, ${now}, ${fromGenesis ? now : null})
    ON CONFLICT ("id") DO UPDATE SET
      "sequence" = EXCLUDED."sequence",
      "hash" = EXCLUDED."hash",
      "verifiedAt" = EXCLUDED."verifiedAt",
      "fullCheckAt" = COALESCE(EXCLUDED."fullCheckAt", "AuditVerification"."fullCheckAt")
    WHERE ${fromGenesis} OR ("AuditVerification"."sequence" = ${start.sequence} AND "AuditVerification"."hash" = ${start.hash})`;

  const status = { full: fromGenesis, hashed, verifiedThrough: anchor.sequence, fullCheckAt };
  return failure ? { ...status, ok: false, ...failure } : { ...status, ok: true };
}

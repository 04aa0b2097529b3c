import { GENESIS_HASH, verifyAuditLog, type AuditCheckpoint, type AuditEntry, type AuditProblem } from "@/lib/audit";
import { prisma } from "../db";
import { auditSigningKey } from "./audit-key";
import { CHECKPOINT_EVERY, signAuditCheckpoint } from "./sign-audit-checkpoint";

// Entries are read and hashed in slices, so a long chain never sits in memory whole.
const BATCH = 2_000;
const ROW = 1;

export type AuditChainStatus = {
  /** From the first entry (a full check) or from the last verified one. */
  full: boolean;
  /** Entries hashed by this check. */
  hashed: number;
  /** Checkpoints whose signature and hash this check compared. */
  checkpointsChecked: number;
  /** The last entry known to be intact, after this check (0: none). */
  verifiedThrough: number;
  /** When the whole chain was last re-hashed from its first entry. */
  fullCheckAt: Date | null;
  /** The latest checkpoint, after this check (which signs the head it verified). */
  lastCheckpoint: { sequence: number; signedAt: Date } | null;
} & ({ ok: true } | ({ ok: false } & AuditProblem));

type Anchor = { sequence: number; hash: string };
const GENESIS: Anchor = { sequence: 0, hash: GENESIS_HASH };

/**
 * Verifies the audit log: the hash chain and the signed checkpoints. By default
 * only the entries written since the last verified one are hashed, and the
 * checkpoints over them checked (one view costs what was appended since the
 * previous view, not the length of the log); `full` re-hashes from the first
 * entry and checks every checkpoint, which is the only way to find an entry
 * edited inside the already-verified prefix. A checkpoint past the last entry
 * shows a truncated tail either way. The last verified (sequence, hash) is
 * kept in the database so that every app process shares it and a restart does
 * not re-hash the whole log. When the check reaches the head intact, the head
 * is signed (if it is not already), so what was verified stays vouched for.
 */
export async function verifyAuditChain({ full = false }: { full?: boolean } = {}): Promise<AuditChainStatus> {
  const db = prisma();
  const { publicKey } = auditSigningKey().key;
  const saved = await db.auditVerification.findUnique({ where: { id: ROW } });
  const start: Anchor = full || !saved ? GENESIS : { sequence: saved.sequence, hash: saved.hash };
  const fromGenesis = start.sequence === 0;
  let fullCheckAt = saved?.fullCheckAt ?? null;
  // Periodic checkpoints are expected from the first checkpoint there ever was (older logs had none).
  const first = await db.auditCheckpoint.findFirst({ orderBy: { sequence: "asc" }, select: { sequence: true } });
  const periodic = { checkpointEvery: CHECKPOINT_EVERY, checkpointsSince: first?.sequence };

  const latestCheckpoint = () =>
    db.auditCheckpoint.findFirst({ orderBy: { sequence: "desc" }, select: { sequence: true, signedAt: true } });
  const statusOf = async (fields: { hashed: number; checkpointsChecked: number; verifiedThrough: number }) => ({
    full: fromGenesis,
    fullCheckAt,
    lastCheckpoint: await latestCheckpoint(),
    ...fields,
  });

  if (!fromGenesis) {
    // The tail hangs off the verified entry: if that entry is gone or its hash changed, the
    // prefix was rewritten or cut, and only a full check can say where it starts.
    const problem = await anchorProblem(start);
    if (problem) return { ...(await statusOf({ hashed: 0, checkpointsChecked: 0, verifiedThrough: start.sequence })), ok: false, ...problem };
  }

  let anchor = start;
  let vouchedThrough = start.sequence;
  let hashed = 0;
  let checkpointsChecked = 0;
  let failure: AuditProblem | null = null;
  for (;;) {
    const batch = (await db.auditEntry.findMany({
      where: { sequence: { gt: anchor.sequence } },
      orderBy: { sequence: "asc" },
      take: BATCH,
    })) as unknown as AuditEntry[];
    // Each slice gets the checkpoints over its entries; the last call (an empty slice) those past the end.
    const checkpoints = (await db.auditCheckpoint.findMany({
      where: { sequence: batch.length ? { gt: anchor.sequence, lte: batch.at(-1)!.sequence } : { gt: anchor.sequence } },
      orderBy: { sequence: "asc" },
    })) as AuditCheckpoint[];
    const result = verifyAuditLog(batch, { anchor, checkpoints, publicKey, vouchedThrough, ...periodic });
    checkpointsChecked += result.checkpoints;
    vouchedThrough = result.vouchedThrough;
    if (!result.ok) {
      const { checkpoints: _checked, vouchedThrough: _vouched, ok: _ok, ...problem } = result;
      failure = problem;
      hashed += batch.filter((entry) => entry.sequence <= problem.sequence).length;
      // The mark goes back to just before the first entry concerned (never below where an
      // incremental check started), so every later view reports the problem again.
      const intact = Math.max(problem.sequence - 1, start.sequence);
      anchor = intact === anchor.sequence ? anchor : await anchorAt(intact);
      break;
    }
    if (batch.length === 0) break;
    hashed += batch.length;
    const last = batch.at(-1)!;
    anchor = { sequence: last.sequence, hash: last.hash };
  }

  if (!failure && anchor.sequence > 0) await signAuditCheckpoint(db, anchor);

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

  const status = await statusOf({ hashed, checkpointsChecked, verifiedThrough: anchor.sequence });
  return failure ? { ...status, ok: false, ...failure } : { ...status, ok: true };
}

async function anchorAt(sequence: number): Promise<Anchor> {
  if (sequence <= 0) return GENESIS;
  const row = await prisma().auditEntry.findUnique({ where: { sequence }, select: { hash: true } });
  return { sequence, hash: row?.hash ?? GENESIS_HASH };
}

async function anchorProblem(start: Anchor): Promise<AuditProblem | null> {
  const db = prisma();
  const row = await db.auditEntry.findUnique({ where: { sequence: start.sequence }, select: { hash: true } });
  const fullCheck = "re-check the whole chain to find the first entry concerned";
  if (row) {
    return row.hash === start.hash
      ? null
      : {
          kind: "rewritten",
          sequence: start.sequence,
          message: `entry ${start.sequence} was verified with hash ${start.hash} and now has ${row.hash}: the log was rewritten up to there; ${fullCheck}`,
        };
  }
  const tail = await db.auditEntry.findFirst({ orderBy: { sequence: "desc" }, select: { sequence: true } });
  if (tail && tail.sequence > start.sequence) {
    return { kind: "deleted", sequence: start.sequence, message: `entry ${start.sequence} was verified and is gone; ${fullCheck}` };
  }
  const end = tail?.sequence ?? 0;
  return {
    kind: "truncated",
    sequence: end + 1,
    message: `${end + 1 === start.sequence ? `entry ${start.sequence} was` : `entries ${end + 1} to ${start.sequence} were`} verified and ${end + 1 === start.sequence ? "is" : "are"} gone: the log was cut after entry ${end}`,
  };
}

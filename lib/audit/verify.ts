// Verification of the audit log as DESIGN.md asks: recompute the chain and
// check every checkpoint, reporting an edited, deleted, inserted or reordered
// entry, a truncated tail or a rewritten suffix with the first entry concerned.
import type { KeyObject } from "node:crypto";
import { verifyChain, type AuditEntry, type ChainBreak, type VerifyOptions } from "./chain.ts";
import { checkpointSignatureProblem, type AuditCheckpoint } from "./checkpoint.ts";

export type AuditTamperKind =
  | ChainBreak
  /** a checkpoint names an entry past the end of the log */
  | "truncated"
  /** the chain links, but a checkpoint's hash no longer matches its entry, or its signature fails */
  | "rewritten"
  /** a checkpoint that is always made (every Nth entry) is gone: what followed it cannot be vouched for */
  | "checkpoint_missing";

export type AuditProblem = {
  kind: AuditTamperKind;
  /** The first entry concerned (for a rewrite: the first entry no checkpoint vouches for any more). */
  sequence: number;
  message: string;
  /** The checkpoint that showed it, for the checkpoint kinds. */
  checkpoint?: number;
};

export type AuditLogVerification = {
  /** Checkpoints whose signature and hash were checked. */
  checkpoints: number;
  /** The last entry a matching checkpoint vouches for (or options.vouchedThrough). */
  vouchedThrough: number;
} & ({ ok: true; count: number } | ({ ok: false } & AuditProblem));

export type VerifyLogOptions = VerifyOptions & {
  /**
   * Checkpoints at the anchor's sequence or after it. One past the last entry
   * given means the tail was cut: when verifying a log in slices, pass each
   * slice only the checkpoints up to its last entry, and the final call those
   * after it.
   */
  checkpoints?: readonly AuditCheckpoint[];
  /** The key checkpoints must be signed with (required when there are checkpoints). */
  publicKey?: KeyObject;
  /** The last entry already vouched for by a checkpoint (default: the anchor's sequence). */
  vouchedThrough?: number;
  /**
   * Checkpoints are made at every multiple of this sequence number from
   * `checkpointsSince` on (the first checkpoint there ever was: older logs had
   * none); one missing there was deleted.
   */
  checkpointEvery?: number;
  checkpointsSince?: number;
};

export function verifyAuditLog(entries: readonly AuditEntry[], options: VerifyLogOptions = {}): AuditLogVerification {
  const chain = verifyChain(entries, options);
  const anchorSequence = options.anchor?.sequence ?? 0;
  const brokenAt = chain.ok ? Infinity : chain.sequence;
  const lastSequence = entries.length ? entries[entries.length - 1].sequence : anchorSequence;

  const hashAt = new Map<number, string>();
  if (options.anchor) hashAt.set(options.anchor.sequence, options.anchor.hash);
  for (const entry of entries) {
    if (entry.sequence >= brokenAt) break;
    hashAt.set(entry.sequence, entry.hash);
  }

  const checkpoints = [...(options.checkpoints ?? [])]
    .filter((checkpoint) => checkpoint.sequence >= anchorSequence && checkpoint.sequence < brokenAt)
    .sort((a, b) => a.sequence - b.sequence);
  const signedAt = new Set(checkpoints.map((checkpoint) => checkpoint.sequence));
  const missing = firstMissingCheckpoint(entries, signedAt, brokenAt, options);

  let vouched = options.vouchedThrough ?? anchorSequence;
  let checked = 0;
  const fail = (problem: AuditProblem): AuditLogVerification => ({ ok: false, ...problem, checkpoints: checked, vouchedThrough: vouched });

  for (const checkpoint of checkpoints) {
    if (missing !== null && missing < checkpoint.sequence) break;
    checked++;
    const signatureProblem = options.publicKey
      ? checkpointSignatureProblem(checkpoint, options.publicKey)
      : `checkpoint ${checkpoint.sequence} cannot be checked: no public key was given`;
    if (signatureProblem) {
      return fail({
        kind: "rewritten",
        sequence: vouched + 1,
        checkpoint: checkpoint.sequence,
        message: `${signatureProblem}: entries ${vouched + 1} to ${checkpoint.sequence} are vouched for by no valid checkpoint`,
      });
    }
    const hash = hashAt.get(checkpoint.sequence);
    if (hash === undefined) {
      if (checkpoint.sequence > lastSequence) {
        return fail({
          kind: "truncated",
          sequence: lastSequence + 1,
          checkpoint: checkpoint.sequence,
          message: `checkpoint ${checkpoint.sequence} was signed over entry ${checkpoint.sequence}, but the log ends at entry ${lastSequence}: entries ${lastSequence + 1} to ${checkpoint.sequence} at least were removed`,
        });
      }
      continue; // outside the entries given (an anchor slice without that entry)
    }
    if (hash !== checkpoint.hash) {
      return fail({
        kind: "rewritten",
        sequence: vouched + 1,
        checkpoint: checkpoint.sequence,
        message: `checkpoint ${checkpoint.sequence} was signed over hash ${checkpoint.hash}, but entry ${checkpoint.sequence} now has ${hash}: the log was rewritten after entry ${vouched}, somewhere in entries ${vouched + 1} to ${checkpoint.sequence}`,
      });
    }
    vouched = Math.max(vouched, checkpoint.sequence);
  }

  if (missing !== null) {
    return fail({
      kind: "checkpoint_missing",
      sequence: vouched + 1,
      checkpoint: missing,
      message: `checkpoint ${missing} is missing (one is signed at every ${options.checkpointEvery}th entry): entries ${vouched + 1} to ${missing} are vouched for by no checkpoint`,
    });
  }
  if (!chain.ok) return fail({ kind: chain.kind, sequence: chain.sequence, message: chain.message });
  return { ok: true, count: entries.length, checkpoints: checked, vouchedThrough: vouched };
}

function firstMissingCheckpoint(
  entries: readonly AuditEntry[],
  signedAt: ReadonlySet<number>,
  brokenAt: number,
  { checkpointEvery, checkpointsSince }: VerifyLogOptions,
): number | null {
  if (!checkpointEvery || checkpointsSince === undefined) return null;
  for (const entry of entries) {
    if (entry.sequence >= brokenAt) break;
    if (entry.sequence > checkpointsSince && entry.sequence % checkpointEvery === 0 && !signedAt.has(entry.sequence)) return entry.sequence;
  }
  return null;
}

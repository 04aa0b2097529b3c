// The audit log as a hash chain (DESIGN.md, Model: "Audit entry"):
//   hash = sha256(prevHash ‖ canonical JSON of the entry)
// where the entry is {sequence, at, actor, action, subject, payload}. Changing,
// deleting, reordering or inserting an entry changes a hash or breaks a link,
// and verifyChain names the first entry where that shows.
import { createHash } from "node:crypto";
import { canonicalJson, type JsonValue } from "./canonical-json.ts";

/** The prevHash of the first entry: 64 zeros. */
export const GENESIS_HASH = "0".repeat(64);

/** Sequences start at 1; the genesis "entry" is sequence 0. */
export const FIRST_SEQUENCE = 1;

/** What a caller records: who did what to which subject, and the details. */
export type AuditFields = {
  at: Date | string;
  actor: string;
  action: string;
  subject: string;
  payload: JsonValue;
};

/** The part of an entry that is hashed. */
export type HashedEntry = AuditFields & { sequence: number };

export type AuditEntry<F extends AuditFields = AuditFields> = F & {
  sequence: number;
  prevHash: string;
  hash: string;
};

/**
 * An instant as the ISO-8601 UTC string that is hashed. Strings are normalised
 * too (a timestamp without an offset is UTC, as everywhere in Zoneline), so an
 * entry hashes the same whether `at` comes back from the database as a Date or
 * from an export as "2026-03-01T10:00:00Z".
 */
export function isoInstant(at: Date | string): string {
  const date = typeof at === "string" ? new Date(hasOffset(at) ? at : `${at}Z`) : at;
  if (Number.isNaN(date.getTime())) throw new Error(`at: invalid timestamp ${JSON.stringify(String(at))}`);
  return date.toISOString();
}

function hasOffset(text: string): boolean {
  // A date-only string ("2026-03-01") is UTC in JavaScript already.
  return /(?:[zZ]|[+-]\d\d:?\d\d)$/.test(text) || !text.includes("T");
}

/** sha256 hex of prevHash ‖ canonicalJson({sequence, at, actor, action, subject, payload}). */
export function hashEntry(prevHash: string, entry: HashedEntry): string {
  const hashed = {
    sequence: entry.sequence,
    at: isoInstant(entry.at),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    payload: entry.payload,
  };
  return createHash("sha256").update(prevHash, "utf8").update(canonicalJson(hashed), "utf8").digest("hex");
}

/** The entry that follows `prev` (or starts the chain when `prev` is null). */
export function appendEntry<F extends AuditFields>(
  prev: Pick<AuditEntry, "sequence" | "hash"> | null,
  fields: F,
): AuditEntry<F> {
  const sequence = prev ? prev.sequence + 1 : FIRST_SEQUENCE;
  const prevHash = prev ? prev.hash : GENESIS_HASH;
  return { ...fields, sequence, prevHash, hash: hashEntry(prevHash, { ...fields, sequence }) };
}

export type ChainBreak = "sequence_gap" | "broken_link" | "hash_mismatch";

export type ChainVerification =
  | { ok: true; count: number }
  | { ok: false; sequence: number; reason: ChainBreak; message: string };

export type VerifyOptions = {
  /**
   * The entry just before the first one given, for verifying a slice of the log
   * (an export for a period). Default: genesis, i.e. the slice must start the
   * chain at sequence 1 with prevHash GENESIS_HASH.
   */
  anchor?: { sequence: number; hash: string };
};

/**
 * Checks, entry by entry in the order given, that sequences count up by one,
 * that each prevHash is the previous entry's hash, and that each hash is the
 * hash of its own content. Reports the first entry that fails.
 */
export function verifyChain(entries: readonly AuditEntry[], options: VerifyOptions = {}): ChainVerification {
  let expectedSequence = options.anchor ? options.anchor.sequence + 1 : FIRST_SEQUENCE;
  let expectedPrevHash = options.anchor ? options.anchor.hash : GENESIS_HASH;
  for (const entry of entries) {
    if (entry.sequence !== expectedSequence) {
      return {
        ok: false,
        sequence: entry.sequence,
        reason: "sequence_gap",
        message: `expected sequence ${expectedSequence}, found ${entry.sequence}`,
      };
    }
    if (entry.prevHash !== expectedPrevHash) {
      return {
        ok: false,
        sequence: entry.sequence,
        reason: "broken_link",
        message: `entry ${entry.sequence}: prevHash ${entry.prevHash} is not the previous entry's hash ${expectedPrevHash}`,
      };
    }
    let recomputed: string;
    try {
      recomputed = hashEntry(entry.prevHash, entry);
    } catch (error) {
      return {
        ok: false,
        sequence: entry.sequence,
        reason: "hash_mismatch",
        message: `entry ${entry.sequence}: cannot be hashed (${error instanceof Error ? error.message : String(error)})`,
      };
    }
    if (entry.hash !== recomputed) {
      return {
        ok: false,
        sequence: entry.sequence,
        reason: "hash_mismatch",
        message: `entry ${entry.sequence}: stored hash ${entry.hash} does not match its content (${recomputed})`,
      };
    }
    expectedSequence = entry.sequence + 1;
    expectedPrevHash = entry.hash;
  }
  return { ok: true, count: entries.length };
}

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

/**
 * How the chain was tampered with, as far as the entries themselves can tell
 * (DESIGN.md, Audit log). A truncated tail or a consistently re-hashed suffix
 * leaves a chain that links: only a signed checkpoint shows those (verify.ts).
 */
export type ChainBreak = "edited" | "deleted" | "inserted" | "reordered";

export type ChainVerification =
  | { ok: true; count: number }
  | { ok: false; sequence: number; kind: ChainBreak; message: string };

export type VerifyOptions = {
  /**
   * The entry just before the first one given, for verifying a slice of the log
   * (an export for a period). Default: genesis, i.e. the slice must start the
   * chain at sequence 1 with prevHash GENESIS_HASH.
   */
  anchor?: { sequence: number; hash: string };
};

type Break = Extract<ChainVerification, { ok: false }>;
const broken = (kind: ChainBreak, sequence: number, message: string): Break => ({ ok: false, sequence, kind, message });

// A renumbered entry still carries the hash it was written with, which covers its
// original sequence: trying nearby numbers tells a shifted entry from an edited one.
const MAX_SHIFT = 100;

function hashesAs(entry: AuditEntry, sequence: number): boolean {
  try {
    return hashEntry(entry.prevHash, { ...entry, sequence }) === entry.hash;
  } catch {
    return false;
  }
}

/**
 * Checks, entry by entry in the order given, that sequences count up by one,
 * that each prevHash is the previous entry's hash, and that each hash is the
 * hash of its own content. Reports the first entry concerned and what most
 * likely happened to it: an entry edited, deleted (a gap, or later entries
 * renumbered over it), inserted (a duplicate sequence, or an entry that shares
 * its predecessor with the next one) or a pair reordered.
 */
export function verifyChain(entries: readonly AuditEntry[], options: VerifyOptions = {}): ChainVerification {
  let expectedSequence = options.anchor ? options.anchor.sequence + 1 : FIRST_SEQUENCE;
  let expectedPrevHash = options.anchor ? options.anchor.hash : GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const previous = i > 0 ? entries[i - 1] : undefined;
    const next = entries[i + 1] as AuditEntry | undefined;
    if (entry.sequence !== expectedSequence) return sequenceBreak(entry, previous, next, expectedSequence);
    if (entry.prevHash !== expectedPrevHash) return linkBreak(entry, previous, next, expectedPrevHash);
    if (!hashesAs(entry, entry.sequence)) {
      let detail: string;
      try {
        detail = `its content hashes to ${hashEntry(entry.prevHash, entry)}, not to its stored hash ${entry.hash}`;
      } catch (error) {
        detail = `it cannot be hashed (${error instanceof Error ? error.message : String(error)})`;
      }
      return broken("edited", entry.sequence, `entry ${entry.sequence} was edited: ${detail}`);
    }
    expectedSequence = entry.sequence + 1;
    expectedPrevHash = entry.hash;
  }
  return { ok: true, count: entries.length };
}

function sequenceBreak(entry: AuditEntry, previous: AuditEntry | undefined, next: AuditEntry | undefined, expected: number): Break {
  if (entry.sequence < expected) {
    return previous && previous.sequence === entry.sequence
      ? broken("inserted", entry.sequence, `entry ${entry.sequence} was inserted: two entries have sequence ${entry.sequence}`)
      : broken("reordered", entry.sequence, `entry ${entry.sequence} comes after entry ${expected - 1}: the log is out of order`);
  }
  if (next?.sequence === expected) {
    return broken("reordered", expected, `entries ${expected} and ${entry.sequence} were reordered: ${entry.sequence} comes first`);
  }
  if (next?.sequence === expected + 1) {
    return broken("edited", expected, `entry ${expected} was edited: its sequence number was changed to ${entry.sequence}`);
  }
  const missing = entry.sequence - expected === 1 ? `entry ${expected} is` : `entries ${expected} to ${entry.sequence - 1} are`;
  return broken("deleted", expected, `${missing} missing: entry ${expected - 1} is followed by entry ${entry.sequence}`);
}

function linkBreak(entry: AuditEntry, previous: AuditEntry | undefined, next: AuditEntry | undefined, expectedPrevHash: string): Break {
  const s = entry.sequence;
  if (next && entry.prevHash === next.hash) {
    return broken("reordered", s, `entries ${s} and ${next.sequence} were swapped: entry ${s} is chained after entry ${next.sequence}`);
  }
  if (previous && entry.prevHash === previous.prevHash) {
    return broken(
      "inserted",
      previous.sequence,
      `entry ${previous.sequence} was inserted: it and entry ${s} were both chained to the same predecessor`,
    );
  }
  for (let shift = 1; shift <= MAX_SHIFT; shift++) {
    if (hashesAs(entry, s + shift)) {
      const missing = shift === 1 ? `entry ${s} was` : `${shift} entries from ${s} were`;
      return broken("deleted", s, `${missing} deleted and the entries after renumbered: entry ${s} was written as entry ${s + shift}`);
    }
    if (s - shift >= FIRST_SEQUENCE && hashesAs(entry, s - shift)) {
      const added = shift === 1 ? `entry ${s - 1} was` : `${shift} entries from ${s - shift} were`;
      return broken("inserted", s - shift, `${added} inserted and the entries after renumbered: entry ${s} was written as entry ${s - shift}`);
    }
  }
  if (hashesAs(entry, s) && s > FIRST_SEQUENCE) {
    // This entry is intact but was chained to another hash: the one before it changed and was re-hashed.
    return broken(
      "edited",
      s - 1,
      `entry ${s - 1} was rewritten: entry ${s} was chained to hash ${entry.prevHash}, entry ${s - 1} now has ${expectedPrevHash}`,
    );
  }
  return broken("edited", s, `entry ${s} was edited: its prevHash ${entry.prevHash} is not the previous entry's hash ${expectedPrevHash}`);
}

// Verification of an evidence bundle that anyone can run (README, "Evidence
// bundle"): every file against the manifest's sha256, the audit chain segment
// recomputed from its prevHash, every checkpoint's signature checked with the
// bundle's public key, and, given a later bundle or the live log, that the
// segment is still a prefix of the log. The result is a list of findings,
// each naming the file, the entry or the checkpoint concerned; no finding
// means verified. Pure: it reads a ZIP (yauzl) and reuses lib/audit's
// verifyAuditLog and checkpoint checks; the live log comes in as a source.
import { createHash, type KeyObject } from "node:crypto";
import readline from "node:readline";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { checkpointSignatureProblem, parseAuditPublicKey, publicKeyFingerprint, type AuditCheckpoint } from "../audit/checkpoint.ts";
import { GENESIS_HASH, type AuditEntry } from "../audit/chain.ts";
import { verifyAuditLog } from "../audit/verify.ts";
import { AUDIT_ENTRIES_PATH, BundleManifest, MANIFEST_PATH, type ChainSegment } from "./bundle-manifest.ts";

export type ZipInput = { path: string } | { buffer: Buffer };

export type FindingKind =
  | "not_a_zip"
  | "manifest_missing"
  | "manifest_invalid"
  | "file_missing"
  | "file_changed"
  | "file_unlisted"
  | "entry_unreadable"
  | "segment_mismatch"
  | "chain_broken"
  | "checkpoint_invalid"
  | "public_key_mismatch"
  | "prefix_changed"
  | "prefix_missing"
  | "prefix_truncated"
  | "prefix_unchecked"
  | "later_bundle_invalid";

export interface BundleFinding {
  kind: FindingKind;
  file?: string;
  /** the first audit entry concerned */
  sequence?: number;
  checkpoint?: number;
  message: string;
}

export interface BundleVerification {
  ok: boolean;
  findings: BundleFinding[];
  summary: {
    format?: string;
    generatedAt?: string;
    generatedBy?: string;
    scope?: string;
    empty?: boolean;
    notes?: string[];
    files: number;
    entries: number;
    segment?: { firstSequence: number | null; lastSequence: number | null };
    checkpoints: number;
    publicKeyFingerprint?: string;
    against?: { label: string; compared: number };
  };
}

/** An audit log to check a bundle's segment against: a later bundle, or the live database (server/evidence/live-audit-log.ts). */
export interface AuditLogSource {
  label: string;
  /** where the source's entries start and the hash before that entry; null when it holds none to compare */
  start(): Promise<{ sequence: number; prevHash: string } | null>;
  /** the entries with from ≤ sequence ≤ to, in sequence order, in batches */
  entries(from: number, to: number): AsyncIterable<AuditEntry[]>;
}

export interface VerifyBundleOptions {
  /** a later bundle, or a source such as the live log */
  against?: { bundle: ZipInput } | { log: AuditLogSource };
  /** the published public key (PEM): when given, the bundle's key must be this one */
  publicKeyPem?: string;
}

const BATCH = 2_000;

interface OpenedZip {
  zip: yauzl.ZipFile;
  entries: Map<string, yauzl.Entry>;
  duplicates: string[];
}

async function openZip(input: ZipInput): Promise<OpenedZip> {
  const options = { lazyEntries: true, autoClose: false, strictFileNames: true };
  const zip = "buffer" in input ? await yauzl.fromBufferPromise(input.buffer, options) : await yauzl.openPromise(input.path, options);
  const entries = new Map<string, yauzl.Entry>();
  const duplicates: string[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith("/")) continue;
      if (entries.has(entry.fileName)) duplicates.push(entry.fileName);
      entries.set(entry.fileName, entry);
    }
  } catch (error) {
    zip.close();
    throw error;
  }
  return { zip, entries, duplicates };
}

async function readWhole(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function hashStream(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A bundle's audit entries, line by line, in batches; a line that is not an entry stops the reading with its line number. */
async function* auditEntryBatches(opened: OpenedZip, from = -Infinity, to = Infinity): AsyncIterable<AuditEntry[]> {
  const entry = opened.entries.get(AUDIT_ENTRIES_PATH);
  if (!entry) return;
  const lines = readline.createInterface({ input: await opened.zip.openReadStreamPromise(entry), crlfDelay: Infinity });
  let batch: AuditEntry[] = [];
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text === "") continue;
    const parsed = parseEntry(text);
    if (typeof parsed === "string") throw new UnreadableEntry(line, parsed);
    if (parsed.sequence < from || parsed.sequence > to) continue;
    batch.push(parsed);
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

class UnreadableEntry extends Error {
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(`line ${line} is not an audit entry: ${detail}`);
  }
}

function parseEntry(text: string): AuditEntry | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return message(error);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not a JSON object";
  const entry = value as Record<string, unknown>;
  if (!Number.isInteger(entry.sequence)) return "sequence: not an integer";
  for (const field of ["at", "actor", "action", "subject", "prevHash", "hash"] as const) {
    if (typeof entry[field] !== "string") return `${field}: not a string`;
  }
  if (!("payload" in entry)) return "payload: missing";
  return entry as unknown as AuditEntry;
}

interface CheckedBundle {
  verification: BundleVerification;
  opened: OpenedZip | null;
  segment: ChainSegment | null;
  /** sequence → hash of the bundle's entries, when the chain read through (for the prefix check) */
  hashes: Map<number, string>;
  checkpoints: AuditCheckpoint[];
  publicKey: KeyObject | null;
}

/** Verifies a bundle; with `against`, also that its segment is still a prefix of a later log. */
export async function verifyEvidenceBundle(input: ZipInput, options: VerifyBundleOptions = {}): Promise<BundleVerification> {
  const checked = await checkBundle(input, options, Boolean(options.against));
  try {
    const { verification } = checked;
    if (options.against && checked.segment && checked.opened && verification.findings.every((f) => f.kind !== "not_a_zip" && f.kind !== "manifest_missing" && f.kind !== "manifest_invalid")) {
      let source: AuditLogSource;
      let later: CheckedBundle | null = null;
      if ("bundle" in options.against) {
        later = await checkBundle(options.against.bundle, { publicKeyPem: options.publicKeyPem }, false);
        for (const finding of later.verification.findings) {
          verification.findings.push({ ...finding, kind: "later_bundle_invalid", message: `later bundle: ${finding.message}` });
        }
        source = bundleAuditLog(later);
      } else {
        source = options.against.log;
      }
      try {
        const prefix = await checkPrefix(checked, source);
        verification.findings.push(...prefix.findings);
        verification.summary.against = { label: source.label, compared: prefix.compared };
      } finally {
        later?.opened?.zip.close();
      }
    }
    verification.ok = verification.findings.length === 0;
    return verification;
  } finally {
    checked.opened?.zip.close();
  }
}

async function checkBundle(input: ZipInput, options: VerifyBundleOptions, keepHashes: boolean): Promise<CheckedBundle> {
  const findings: BundleFinding[] = [];
  const summary: BundleVerification["summary"] = { files: 0, entries: 0, checkpoints: 0 };
  const result: CheckedBundle = { verification: { ok: false, findings, summary }, opened: null, segment: null, hashes: new Map(), checkpoints: [], publicKey: null };

  let opened: OpenedZip;
  try {
    opened = await openZip(input);
  } catch (error) {
    findings.push({ kind: "not_a_zip", message: `not a ZIP file (or a damaged one): ${message(error)}` });
    return result;
  }
  result.opened = opened;
  for (const name of opened.duplicates) findings.push({ kind: "file_unlisted", file: name, message: `${name} appears more than once in the ZIP` });

  const manifestEntry = opened.entries.get(MANIFEST_PATH);
  if (!manifestEntry) {
    findings.push({ kind: "manifest_missing", file: MANIFEST_PATH, message: `${MANIFEST_PATH} is missing: this is not a Zoneline evidence bundle` });
    return result;
  }
  let manifest: BundleManifest;
  try {
    const parsed = BundleManifest.safeParse(JSON.parse((await readWhole(await opened.zip.openReadStreamPromise(manifestEntry))).toString("utf8")));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) findings.push({ kind: "manifest_invalid", file: MANIFEST_PATH, message: `${MANIFEST_PATH}: ${issue.path.join(".") || "(root)"}: ${issue.message}` });
      return result;
    }
    manifest = parsed.data;
  } catch (error) {
    findings.push({ kind: "manifest_invalid", file: MANIFEST_PATH, message: `${MANIFEST_PATH} is not JSON: ${message(error)}` });
    return result;
  }
  Object.assign(summary, {
    format: manifest.format,
    generatedAt: manifest.generatedAt,
    generatedBy: manifest.generatedBy,
    scope: manifest.scope.description,
    empty: manifest.empty,
    notes: manifest.notes,
    segment: { firstSequence: manifest.chain.firstSequence, lastSequence: manifest.chain.lastSequence },
    publicKeyFingerprint: manifest.publicKey.fingerprint,
  });
  result.segment = manifest.chain;

  // every file against the manifest
  const listed = new Set<string>([MANIFEST_PATH]);
  for (const file of manifest.files) {
    listed.add(file.path);
    const entry = opened.entries.get(file.path);
    if (!entry) {
      findings.push({ kind: "file_missing", file: file.path, message: `${file.path} is listed in the manifest but missing from the bundle` });
      continue;
    }
    const { sha256, bytes } = await hashStream(await opened.zip.openReadStreamPromise(entry));
    summary.files++;
    if (sha256 !== file.sha256 || bytes !== file.bytes) {
      findings.push({ kind: "file_changed", file: file.path, message: `${file.path} was changed: its sha256 is ${sha256} (${bytes} bytes), the manifest says ${file.sha256} (${file.bytes} bytes)` });
    }
  }
  for (const name of opened.entries.keys()) {
    if (!listed.has(name)) findings.push({ kind: "file_unlisted", file: name, message: `${name} is in the bundle but not in the manifest` });
  }

  // the public key, and every checkpoint's signature
  let publicKey: KeyObject;
  try {
    publicKey = parseAuditPublicKey(manifest.publicKey.pem);
  } catch (error) {
    findings.push({ kind: "public_key_mismatch", file: MANIFEST_PATH, message: `${MANIFEST_PATH}: publicKey.pem: ${message(error)}` });
    return result;
  }
  result.publicKey = publicKey;
  const fingerprint = publicKeyFingerprint(publicKey);
  if (fingerprint !== manifest.publicKey.fingerprint) {
    findings.push({ kind: "public_key_mismatch", file: MANIFEST_PATH, message: `${MANIFEST_PATH}: publicKey.fingerprint is ${manifest.publicKey.fingerprint}, but the key's fingerprint is ${fingerprint}` });
  }
  if (options.publicKeyPem) {
    try {
      const pinned = publicKeyFingerprint(parseAuditPublicKey(options.publicKeyPem));
      if (pinned !== fingerprint) findings.push({ kind: "public_key_mismatch", file: MANIFEST_PATH, message: `the bundle's public key ${fingerprint} is not the published key ${pinned}` });
    } catch (error) {
      findings.push({ kind: "public_key_mismatch", message: `the published public key given cannot be read: ${message(error)}` });
    }
  }
  const checkpoints = manifest.checkpoints.map((c) => ({ ...c }));
  const badSignatures = new Set<number>();
  for (const checkpoint of checkpoints) {
    const problem = checkpointSignatureProblem(checkpoint, publicKey);
    if (problem) {
      badSignatures.add(checkpoint.sequence);
      findings.push({ kind: "checkpoint_invalid", file: MANIFEST_PATH, checkpoint: checkpoint.sequence, sequence: checkpoint.sequence, message: problem });
    }
  }
  summary.checkpoints = checkpoints.length - badSignatures.size;
  result.checkpoints = checkpoints.filter((c) => !badSignatures.has(c.sequence));

  // the chain segment, recomputed from its prevHash
  const segment = manifest.chain;
  if (segment.entries > 0 && !opened.entries.has(AUDIT_ENTRIES_PATH)) return result; // reported as file_missing
  const first = segment.firstSequence ?? 1;
  let anchor = { sequence: first - 1, hash: segment.prevHash ?? GENESIS_HASH };
  let vouchedThrough = anchor.sequence;
  let seen: { first: AuditEntry | null; last: AuditEntry | null } = { first: null, last: null };
  // (a checkpoint with a bad signature is reported once, as checkpoint_invalid, and left out of the chain check)
  const valid = result.checkpoints;
  const periodic = badSignatures.size ? {} : { checkpointEvery: segment.checkpointEvery, checkpointsSince: segment.checkpointsSince ?? undefined };
  const report = (problem: { kind: string; sequence: number; message: string; checkpoint?: number }) => {
    findings.push({ kind: "chain_broken", file: AUDIT_ENTRIES_PATH, sequence: problem.sequence, ...(problem.checkpoint !== undefined ? { checkpoint: problem.checkpoint } : {}), message: `the chain is broken at entry ${problem.sequence} (${problem.kind}): ${problem.message}` });
  };
  let broken = false;
  try {
    for await (const batch of auditEntryBatches(opened)) {
      seen = { first: seen.first ?? batch[0], last: batch.at(-1)! };
      const last = batch.at(-1)!.sequence;
      const over = valid.filter((c) => c.sequence > anchor.sequence && c.sequence <= last);
      const verdict = verifyAuditLog(batch, { anchor, checkpoints: over, publicKey, vouchedThrough, ...periodic });
      summary.entries += verdict.ok ? batch.length : batch.filter((entry) => entry.sequence < verdict.sequence).length;
      if (!verdict.ok) {
        report(verdict);
        broken = true;
        break;
      }
      vouchedThrough = verdict.vouchedThrough;
      if (keepHashes) for (const entry of batch) result.hashes.set(entry.sequence, entry.hash);
      anchor = { sequence: last, hash: batch.at(-1)!.hash };
    }
    if (!broken) {
      // checkpoints past the last entry: the segment was cut short
      const verdict = verifyAuditLog([], { anchor, checkpoints: valid.filter((c) => c.sequence > anchor.sequence), publicKey, vouchedThrough });
      if (!verdict.ok) {
        report(verdict);
        broken = true;
      }
    }
  } catch (error) {
    if (!(error instanceof UnreadableEntry)) throw error;
    findings.push({ kind: "entry_unreadable", file: AUDIT_ENTRIES_PATH, message: `${AUDIT_ENTRIES_PATH}: ${error.message}` });
    return result;
  }
  if (!broken) {
    const stated = { entries: segment.entries, firstSequence: segment.firstSequence, lastSequence: segment.lastSequence, firstHash: segment.firstHash, lastHash: segment.lastHash };
    const found = { entries: summary.entries, firstSequence: seen.first?.sequence ?? null, lastSequence: seen.last?.sequence ?? null, firstHash: seen.first?.hash ?? null, lastHash: seen.last?.hash ?? null };
    for (const key of Object.keys(stated) as (keyof typeof stated)[]) {
      if (stated[key] !== found[key]) {
        findings.push({ kind: "segment_mismatch", file: AUDIT_ENTRIES_PATH, message: `the manifest's chain.${key} is ${JSON.stringify(stated[key])}, but ${AUDIT_ENTRIES_PATH} gives ${JSON.stringify(found[key])}` });
      }
    }
    if (seen.first && segment.prevHash !== seen.first.prevHash) {
      findings.push({ kind: "segment_mismatch", file: AUDIT_ENTRIES_PATH, sequence: seen.first.sequence, message: `the manifest's chain.prevHash ${segment.prevHash} is not entry ${seen.first.sequence}'s prevHash ${seen.first.prevHash}` });
    }
  }
  return result;
}

/** A later bundle's entries as a source for the prefix check. */
function bundleAuditLog(later: CheckedBundle): AuditLogSource {
  return {
    label: "the later bundle",
    async start() {
      const segment = later.segment;
      if (!later.opened || !segment || segment.entries === 0 || segment.firstSequence === null || segment.prevHash === null) return null;
      return { sequence: segment.firstSequence, prevHash: segment.prevHash };
    },
    entries: (from, to) => (later.opened ? auditEntryBatches(later.opened, from, to) : (async function* () {})()),
  };
}

/**
 * The earlier segment's entries must still be in the later log, unchanged: the
 * first one missing or changed is named, and a log that ends too soon is
 * reported against this bundle's checkpoints (lib/audit's verifyAuditLog with
 * the earlier checkpoints over the later entries).
 */
async function checkPrefix(earlier: CheckedBundle, source: AuditLogSource): Promise<{ findings: BundleFinding[]; compared: number }> {
  const segment = earlier.segment!;
  const findings: BundleFinding[] = [];
  if (segment.entries === 0 || segment.firstSequence === null || segment.lastSequence === null) return { findings, compared: 0 };
  if (earlier.verification.findings.some((f) => f.kind === "chain_broken" || f.kind === "entry_unreadable")) {
    findings.push({ kind: "prefix_unchecked", message: `the bundle's own chain does not verify, so ${source.label} was not compared with it` });
    return { findings, compared: 0 };
  }
  const first = segment.firstSequence;
  const last = segment.lastSequence;
  const hashBefore = (sequence: number) => (sequence === first - 1 ? segment.prevHash! : earlier.hashes.get(sequence));
  const start = await source.start();
  if (!start || start.sequence > last + 1) {
    findings.push({
      kind: "prefix_unchecked",
      message: start ? `${source.label} starts at entry ${start.sequence}, after this bundle's last entry ${last}: nothing to compare` : `${source.label} holds no audit entries to compare`,
    });
    return { findings, compared: 0 };
  }
  const lo = Math.max(first, start.sequence);
  if (start.sequence > first && start.prevHash !== hashBefore(start.sequence - 1)) {
    findings.push({ kind: "prefix_changed", sequence: start.sequence - 1, message: `entry ${start.sequence - 1} has hash ${start.prevHash} in ${source.label}, but ${hashBefore(start.sequence - 1)} in this bundle: the log was changed` });
    return { findings, compared: 0 };
  }
  let anchor = { sequence: lo - 1, hash: hashBefore(lo - 1)! };
  let expected = lo;
  let compared = 0;
  outer: for await (const batch of source.entries(lo, last)) {
    for (const entry of batch) {
      if (entry.sequence !== expected) {
        findings.push({ kind: "prefix_missing", sequence: expected, message: `entry ${expected} of this bundle is missing from ${source.label} (it goes on with entry ${entry.sequence}): the log was cut or rewritten there` });
        break outer;
      }
      const recorded = earlier.hashes.get(entry.sequence);
      if (entry.hash !== recorded) {
        const checkpoint = earlier.checkpoints.find((c) => c.sequence >= entry.sequence);
        findings.push({
          kind: "prefix_changed",
          sequence: entry.sequence,
          ...(checkpoint ? { checkpoint: checkpoint.sequence } : {}),
          message: `entry ${entry.sequence} has hash ${entry.hash} in ${source.label}, but ${recorded} in this bundle: the log was changed from entry ${entry.sequence}${checkpoint ? ` (checkpoint ${checkpoint.sequence} of this bundle vouches for the old entries)` : ""}`,
        });
        break outer;
      }
      expected++;
      compared++;
    }
    anchor = { sequence: batch.at(-1)!.sequence, hash: batch.at(-1)!.hash };
  }
  if (findings.length === 0 && expected <= last) {
    // the log ends too soon: say which of this bundle's checkpoints it no longer reaches
    const verdict = verifyAuditLog([], { anchor, checkpoints: earlier.checkpoints.filter((c) => c.sequence > anchor.sequence), publicKey: earlier.publicKey ?? undefined });
    findings.push({
      kind: "prefix_truncated",
      sequence: expected,
      ...(!verdict.ok && verdict.checkpoint !== undefined ? { checkpoint: verdict.checkpoint } : {}),
      message: !verdict.ok
        ? `${source.label} ends at entry ${expected - 1}, this bundle goes to entry ${last}: ${verdict.message}`
        : `${source.label} ends at entry ${expected - 1}, this bundle goes to entry ${last}: entries ${expected} to ${last} are gone (no checkpoint of this bundle lies past entry ${expected - 1})`,
    });
  }
  return { findings, compared };
}

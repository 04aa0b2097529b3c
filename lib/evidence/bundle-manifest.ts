// The evidence bundle's manifest (README, "Evidence bundle"): what a bundle
// holds, each file's sha256, the period, the audit chain segment, the signed
// checkpoints over it and the public key to check them with. The exporter
// writes it (server/evidence/), the verifier reads it back with this schema,
// so the two can never disagree on a field.
import { z } from "zod";

export const BUNDLE_FORMAT = "zoneline-evidence-bundle/1";
export const MANIFEST_PATH = "manifest.json";
export const AUDIT_ENTRIES_PATH = "audit-entries.jsonl";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "not a sha256 (64 lowercase hex digits)");
const instant = z.string().refine((value) => !Number.isNaN(Date.parse(value)), "not an ISO-8601 instant");

export const BundleFileEntry = z.object({
  path: z.string().min(1),
  sha256,
  bytes: z.number().int().nonnegative(),
  /** records in the file (JSON array items, CSV records after the header, JSON Lines) */
  rows: z.number().int().nonnegative().optional(),
});
export type BundleFileEntry = z.infer<typeof BundleFileEntry>;

export const ManifestCheckpoint = z.object({
  sequence: z.number().int().positive(),
  hash: sha256,
  signature: z.string().min(1),
  keyFingerprint: z.string().min(1),
  signedAt: instant,
});

export const ChainSegment = z.object({
  /** entries in the segment (0: the period has no audit entries; then the sequences and hashes are null) */
  entries: z.number().int().nonnegative(),
  firstSequence: z.number().int().positive().nullable(),
  lastSequence: z.number().int().positive().nullable(),
  firstHash: sha256.nullable(),
  lastHash: sha256.nullable(),
  /** hash of the entry before the first (lib/audit's GENESIS_HASH when the segment starts the log) */
  prevHash: sha256.nullable(),
  /** a checkpoint is signed at every checkpointEvery-th entry from checkpointsSince on: one missing was deleted */
  checkpointEvery: z.number().int().positive().optional(),
  checkpointsSince: z.number().int().nonnegative().nullable().optional(),
});
export type ChainSegment = z.infer<typeof ChainSegment>;

export const BundleManifest = z.object({
  format: z.literal(BUNDLE_FORMAT),
  generatedAt: instant,
  generatedBy: z.string(),
  organisation: z.object({ organisationName: z.string(), controllerName: z.string(), controllerContact: z.string(), dpoContact: z.string() }),
  scope: z.object({ from: instant, to: instant, zones: z.array(z.string()), allZones: z.boolean(), description: z.string() }),
  /** the world version the world files (zones, assets, edges, paths) were taken at: the world at export time */
  worldVersion: z.number().int().nonnegative(),
  /** true when the period holds no audit entry, decision, admission check or violation: the files are there, empty */
  empty: z.boolean(),
  notes: z.array(z.string()),
  files: z.array(BundleFileEntry),
  chain: ChainSegment,
  /** the checkpoints whose sequence lies in the segment */
  checkpoints: z.array(ManifestCheckpoint),
  publicKey: z.object({ algorithm: z.literal("Ed25519"), pem: z.string().min(1), fingerprint: z.string().min(1) }),
  /** what the server's own verification of the whole log said just before the export */
  chainCheck: z.object({ ok: z.boolean(), verifiedThrough: z.number().int().nonnegative(), problem: z.string().optional() }),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

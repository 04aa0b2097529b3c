// The evidence bundle (README, "Evidence bundle"): the period's and zones'
// evidence as machine-readable files in one ZIP, streamed as it is produced,
// with manifest.json last (each file's sha256, the audit chain segment, the
// signed checkpoints over it and the public key). Every completed export is
// one audit entry (`evidence.export`, kind bundle.zip) with the ZIP's own
// sha256 and size, written when the last byte has been produced and read.
import type { Readable } from "node:stream";
import { GENESIS_HASH } from "@/lib/audit";
import { BUNDLE_FORMAT, type BundleManifest } from "@/lib/evidence/bundle-manifest";
import { writeBundleZip } from "@/lib/evidence/bundle-writer";
import { describeEvidenceScope } from "@/lib/evidence/evidence-scope";
import { getAuditPublicKey } from "../audit/audit-key";
import { recordAuditEntry } from "../audit/record-audit-entry";
import { CHECKPOINT_EVERY } from "../audit/sign-audit-checkpoint";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { prisma, type Tx } from "../db";
import { getOrganisationSettings } from "../settings/organisation-settings";
import { currentWorldState } from "../world/world-state";
import { BUNDLE_FILE_PRODUCERS, startAuditSpool, type BundleContext, type SegmentRange } from "./bundle-sources";
import { resolveEvidenceScope, type ResolvedEvidenceScope } from "./resolve-evidence-scope";

export interface EvidenceBundleExport {
  scope: ResolvedEvidenceScope;
  filename: string;
  /** the ZIP, produced as it is read */
  stream: Readable;
  /** the manifest, once the last file is written (rejects if producing the bundle failed) */
  manifest: Promise<BundleManifest>;
  /** records the export in the audit log: call it once the whole ZIP has been delivered */
  recordExport(zip: { sha256: string; bytes: number }, options?: { tx?: Tx; exportId?: string }): Promise<void>;
}

/**
 * Starts an export for `input` (a period and zones, as readEvidenceScope reads
 * them). Bad input (an end before the start, an unknown zone) is refused here,
 * before any byte is produced.
 */
export async function exportEvidenceBundle({ input, actor, onFile }: { input: unknown; actor: string; onFile?: (path: string, done: number, total: number) => void }): Promise<EvidenceBundleExport> {
  const scope = await resolveEvidenceScope(input);
  // verifying signs the head it found intact, so the segment's last entry is vouched for by a checkpoint
  const chainCheck = await verifyAuditChain();
  const [state, organisation, segment] = await Promise.all([currentWorldState(), getOrganisationSettings(), segmentOf(scope.from, scope.to)]);
  const key = getAuditPublicKey();
  const context: BundleContext = { from: scope.from, to: scope.to, zones: scope.allZones ? null : new Set(scope.zones), state, segment: segment && { first: segment.first, last: segment.last } };
  const generatedAt = new Date();
  const files = BUNDLE_FILE_PRODUCERS.flatMap((produce) => produce(context));
  // the audit files come after the world files in the ZIP, but their database reads need not wait for them
  startAuditSpool(context);

  const { stream, manifest } = writeBundleZip(files, async (entries): Promise<BundleManifest> => {
    const checkpoints = segment
      ? await prisma().auditCheckpoint.findMany({ where: { sequence: { gte: segment.first, lte: segment.last } }, orderBy: { sequence: "asc" } })
      : [];
    const firstCheckpoint = await prisma().auditCheckpoint.findFirst({ orderBy: { sequence: "asc" }, select: { sequence: true } });
    const rows = (path: string) => entries.find((entry) => entry.path === path)?.rows ?? 0;
    const notes = [
      `The world files (zones, assets, edges, sanctioned paths) are the world at export time (world version ${state.version}); the database keeps no earlier copies of the world, the audit log records how it changed.`,
      "The audit entries are the whole contiguous segment of the chain in the period, whatever the zones: the chain is global, so it can only be recomputed whole. The zone filter narrows the other files.",
    ];
    if (!segment) notes.push("The period holds no audit entries.");
    if (rows("violations.json") === 0) notes.push("No violation was opened or resolved in the period, nor open at its end.");
    return {
      format: BUNDLE_FORMAT,
      generatedAt: generatedAt.toISOString(),
      generatedBy: actor,
      organisation: { organisationName: organisation.organisationName, controllerName: organisation.controllerName, controllerContact: organisation.controllerContact, dpoContact: organisation.dpoContact },
      scope: { from: scope.from.toISOString(), to: scope.to.toISOString(), zones: scope.zoneList.map((zone) => zone.id), allZones: scope.allZones, description: describeEvidenceScope(scope) },
      worldVersion: state.version,
      empty: !segment && rows("violations.json") === 0,
      notes,
      files: entries,
      chain: {
        entries: segment ? segment.last - segment.first + 1 : 0,
        firstSequence: segment?.first ?? null,
        lastSequence: segment?.last ?? null,
        firstHash: segment?.firstHash ?? null,
        lastHash: segment?.lastHash ?? null,
        prevHash: segment?.prevHash ?? null,
        checkpointEvery: CHECKPOINT_EVERY,
        checkpointsSince: firstCheckpoint?.sequence ?? null,
      },
      checkpoints: checkpoints.map((c) => ({ sequence: c.sequence, hash: c.hash, signature: c.signature, keyFingerprint: c.keyFingerprint, signedAt: c.signedAt.toISOString() })),
      publicKey: { algorithm: key.algorithm, pem: key.publicKey, fingerprint: key.fingerprint },
      chainCheck: chainCheck.ok ? { ok: true, verifiedThrough: chainCheck.verifiedThrough } : { ok: false, verifiedThrough: chainCheck.verifiedThrough, problem: `${chainCheck.kind} at entry ${chainCheck.sequence}: ${chainCheck.message}` },
    };
  }, { onFile });

  // the spooled audit files are removed as they are read; an export cut short leaves the rest to remove
  stream.once("close", () => context.spool?.dispose());
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return {
    scope,
    filename: `zoneline-evidence-${day(scope.from)}-to-${day(scope.to)}.zip`,
    stream,
    manifest,
    async recordExport(zip, { tx: inTx, exportId } = {}) {
      const done = await manifest;
      const record = (tx: Tx) =>
        recordAuditEntry(tx, {
          actor,
          action: "evidence.export",
          // a background export names its row, as the report's entry does
          subject: exportId ? `export:${exportId}` : "evidence:bundle.zip",
          payload: {
            kind: "bundle.zip",
            ...(exportId ? { exportId } : {}),
            scope: { from: done.scope.from, to: done.scope.to, zones: done.scope.zones, allZones: done.scope.allZones },
            sha256: zip.sha256,
            bytes: zip.bytes,
            files: done.files.length,
            worldVersion: done.worldVersion,
            chain: { firstSequence: done.chain.firstSequence, lastSequence: done.chain.lastSequence, lastHash: done.chain.lastHash },
            empty: done.empty,
          },
        });
      if (inTx) await record(inTx);
      else await prisma().$transaction(record);
    },
  };
}

/** The period's audit entries: from the first entry at or after `from` to the last at or before `to`. */
async function segmentOf(from: Date, to: Date): Promise<(SegmentRange & { firstHash: string; lastHash: string; prevHash: string }) | null> {
  const [bounds] = await prisma().$queryRaw<{ first: number | null; last: number | null }[]>`
    SELECT min("sequence")::int AS "first", max("sequence")::int AS "last" FROM "AuditEntry" WHERE "at" >= ${from} AND "at" <= ${to}`;
  if (bounds.first === null || bounds.last === null) return null;
  const [first, last] = await Promise.all([
    prisma().auditEntry.findUnique({ where: { sequence: bounds.first }, select: { hash: true, prevHash: true } }),
    prisma().auditEntry.findUnique({ where: { sequence: bounds.last }, select: { hash: true } }),
  ]);
  return { first: bounds.first, last: bounds.last, firstHash: first!.hash, lastHash: last!.hash, prevHash: first?.prevHash ?? GENESIS_HASH };
}

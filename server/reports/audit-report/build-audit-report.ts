// Reads what the audit report shows (issue 11) from the database and the
// cached engine state, and folds it into lib/evidence/audit-report.ts's view
// model. The audit log is read in slices by sequence, so 100k entries in a
// period never sit in memory at once; only the decision log's first rows are kept.
import { AuditLogDigest, pathsExpiredIn, REPORT_LIMITS, worldSections, type AuditReport, type ReportChain } from "@/lib/evidence/audit-report";
import { buildRopa, ropaEngineOf } from "@/lib/evidence/ropa";
import { organisationLabel, type PaperSize } from "@/lib/settings/organisation-settings";
import { prisma } from "../../db";
import { getAuditPublicKey } from "../../audit/audit-key";
import { verifyAuditChain } from "../../audit/verify-audit-chain";
import { violationHistoryCounts, violationsOpenAtEnd } from "../../evaluations/violation-history";
import type { ResolvedEvidenceScope } from "../../evidence/resolve-evidence-scope";
import { getOrganisationSettings } from "../../settings/organisation-settings";
import { currentWorldState } from "../../world/world-state";
import { contentBox } from "../pdf/frame";

const SLICE = 2_000;

export type ReportProgress = (progress: number, phase: string) => Promise<void> | void;

export interface BuildAuditReportOptions {
  scope: ResolvedEvidenceScope;
  /** who asked for it, as the audit log names people (email, or "cli") */
  generatedBy: string;
  /** default: the organisation's setting */
  paperSize?: PaperSize;
  onProgress?: ReportProgress;
  /** default: now */
  generatedAt?: Date;
}

export async function buildAuditReport({ scope, generatedBy, paperSize, onProgress, generatedAt = new Date() }: BuildAuditReportOptions): Promise<AuditReport> {
  const progress = onProgress ?? (() => {});
  const db = prisma();
  const zones = scope.allZones ? null : scope.zones;

  // A full check: an incremental one would miss an entry edited inside the already-verified prefix.
  await progress(0.02, "verifying the audit chain");
  const verification = await verifyAuditChain({ full: true });
  const [head, checkpoint] = await Promise.all([
    db.auditEntry.findFirst({ orderBy: { sequence: "desc" }, select: { sequence: true, hash: true } }),
    db.auditCheckpoint.findFirst({ orderBy: { sequence: "desc" } }),
  ]);
  const publicKey = getAuditPublicKey();
  const chain: ReportChain = {
    ok: verification.ok,
    entriesVerified: verification.hashed,
    head,
    checkpoint: checkpoint ? { sequence: checkpoint.sequence, hash: checkpoint.hash, signedAt: checkpoint.signedAt.toISOString(), signature: checkpoint.signature, keyFingerprint: checkpoint.keyFingerprint } : null,
    publicKeyFingerprint: publicKey.fingerprint,
    problem: verification.ok ? null : { kind: verification.kind, sequence: verification.sequence, message: verification.message },
  };

  await progress(0.15, "reading the world");
  const settings = await getOrganisationSettings();
  const paper = paperSize ?? settings.paperSize;
  const state = await currentWorldState();
  const world = state.world();
  const box = contentBox(paper);
  const sections = worldSections(world, state.evaluation, { zones, pictureBox: { width: box.width - 8, height: Math.min(box.height * 0.55, 420) } });

  const { organisationName, controllerName, controllerContact, dpoContact } = settings;
  const ropa = buildRopa({ world, engine: ropaEngineOf(state.evaluation), controller: { organisationName, controllerName, controllerContact, dpoContact }, zones: zones ?? [], at: generatedAt });

  await progress(0.25, "reading the audit log");
  const zoneOfAsset = new Map(world.assets.map((asset) => [asset.id, asset.zone ?? null]));
  const digest = new AuditLogDigest({ zones: zones ? new Set(zones) : null, zoneOfAsset: (id) => zoneOfAsset.get(id) ?? null });
  const inPeriod = { at: { gte: scope.from, lte: scope.to } };
  const total = await db.auditEntry.count({ where: inPeriod });
  let after = 0;
  let read = 0;
  for (;;) {
    const slice = await db.auditEntry.findMany({
      where: { ...inPeriod, sequence: { gt: after } },
      orderBy: { sequence: "asc" },
      take: SLICE,
      select: { sequence: true, at: true, actor: true, action: true, subject: true, payload: true },
    });
    if (slice.length === 0) break;
    for (const entry of slice) digest.add(entry);
    after = slice.at(-1)!.sequence;
    read += slice.length;
    await progress(0.25 + 0.5 * (read / Math.max(total, 1)), `reading the audit log (${read.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} entries)`);
  }
  const log = digest.digest();

  await progress(0.78, "reading the violation history");
  const [history, open] = await Promise.all([violationHistoryCounts(scope.from, scope.to, zones), violationsOpenAtEnd(scope.from, scope.to, zones, { take: REPORT_LIMITS.openViolations })]);

  return {
    title: "Audit report",
    organisation: organisationLabel(settings),
    paperSize: paper,
    scope: { from: scope.from.toISOString(), to: scope.to.toISOString(), allZones: scope.allZones, zones: scope.zoneList },
    generatedAt: generatedAt.toISOString(),
    generatedBy,
    chain,
    summary: {
      assets: sections.assets,
      edges: sections.edges,
      crossings: sections.crossings,
      crossingsSanctioned: sections.crossingsSanctioned,
      crossingsViolating: sections.crossingsViolating,
      paths: { ...log.paths, expired: pathsExpiredIn(world.sanctionedPaths, scope.from, scope.to, zones) },
      admission: log.admission,
      violations: history,
      auditEntries: log.entries,
      auditEntriesInScope: log.entriesInScope,
    },
    noActivity: log.entriesInScope === 0 && history.opened === 0 && history.resolved === 0,
    zones: sections.zones,
    picture: sections.picture,
    decisions: log.decisions,
    openViolations: {
      total: history.openAtEnd,
      rows: open.map((v) => ({ kind: v.kind, subject: v.subject, zone: v.zoneId, categories: v.categories, explanation: v.explanation, openedAt: v.openedAt.toISOString() })),
    },
    ropa,
    worldVersion: state.version,
  };
}

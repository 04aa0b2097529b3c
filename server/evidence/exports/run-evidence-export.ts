// Makes one queued evidence export: claims the row (so two processes never run
// it twice), reports progress in the row as it goes, and stores the finished
// file with its sha256 and the one `evidence.export` audit entry in the same
// transaction. A failure is recorded on the row with its message.
import { createHash } from "node:crypto";
import type { AuditReport } from "@/lib/evidence/audit-report";
import { bundleFileName, reportFileName } from "@/lib/evidence/evidence-export";
import type { PaperSize } from "@/lib/settings/organisation-settings";
import { recordAuditEntry } from "../../audit/record-audit-entry";
import { prisma, type Tx } from "../../db";
import { AppError } from "../../errors";
import { buildAuditReport } from "../../reports/audit-report/build-audit-report";
import { renderAuditReport } from "../../reports/audit-report/render-audit-report";
import { startPdfRenderer } from "../../reports/pdf/render-off-thread";
import { exportEvidenceBundle } from "../export-evidence-bundle";
import { resolveEvidenceScope } from "../resolve-evidence-scope";

/**
 * Files are kept in the row (bytea), which every replica can serve. Postgres
 * caps a value at 1 GB; a report stays far below that (the 100k-entry
 * benchmark's is about a megabyte), and a larger file is refused with a message.
 */
export const MAX_EXPORT_BYTES = 256 * 1024 * 1024;
// progress writes at most this often: a row update per audit slice would be noise
const PROGRESS_EVERY_MS = 500;

export async function runEvidenceExport(id: string): Promise<void> {
  const db = prisma();
  const now = new Date();
  const claimed = await db.evidenceExport.updateMany({ where: { id, status: "queued" }, data: { status: "running", startedAt: now, heartbeatAt: now, phase: "starting", progress: 0 } });
  if (claimed.count === 0) return; // another process took it, or it is gone
  const row = await db.evidenceExport.findUniqueOrThrow({ where: { id }, select: { kind: true, scope: true, options: true, requestedBy: true } });
  let lastWrite = 0;
  const onProgress = async (progress: number, phase: string) => {
    const at = Date.now();
    if (at - lastWrite < PROGRESS_EVERY_MS) return;
    lastWrite = at;
    await db.evidenceExport.updateMany({ where: { id, status: "running" }, data: { progress: Math.min(0.99, progress), phase, heartbeatAt: new Date(at) } });
  };
  try {
    if (row.kind === "bundle.zip") await makeBundle(id, row, onProgress, () => (lastWrite = 0));
    else if (row.kind === "report.pdf") await makeReport(id, row, onProgress, () => (lastWrite = 0));
    else throw new AppError("INVALID_REQUEST", `kind: this server cannot make "${row.kind}" exports`);
  } catch (error) {
    const message = error instanceof AppError ? error.message : "the export failed on the server; the server log has the details";
    if (!(error instanceof AppError)) console.error(`[zoneline] evidence export ${id} failed:`, error);
    await db.evidenceExport.updateMany({ where: { id, status: "running" }, data: { status: "failed", phase: "failed", error: message, finishedAt: new Date() } });
  }
}

type ExportRow = { kind: string; scope: unknown; options: unknown; requestedBy: string };
type Progress = (progress: number, phase: string) => Promise<void>;

/** Marks the row done with its file, and writes the export's one audit entry, in one transaction. */
async function storeFile(tx: Tx, id: string, file: { bytes: Buffer; sha256: string; fileName: string; contentType: string }) {
  const done = await tx.evidenceExport.updateMany({
    where: { id, status: "running" },
    data: { status: "done", progress: 1, phase: "done", finishedAt: new Date(), heartbeatAt: new Date(), file: new Uint8Array(file.bytes), bytes: file.bytes.length, sha256: file.sha256, fileName: file.fileName, contentType: file.contentType },
  });
  // marked failed as stale meanwhile: leave it failed, and write no entry for a file nobody can download
  if (done.count === 0) throw new AppError("CONFLICT", "the export was marked failed while it ran");
}

function tooLarge(bytes: number, what: string) {
  if (bytes > MAX_EXPORT_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `the ${what} is ${bytes} bytes, over the ${MAX_EXPORT_BYTES}-byte limit of stored exports; narrow the period or the zones${what === "bundle" ? ", or download it streamed (GET /api/v1/evidence/bundle)" : ""}`);
}

async function makeReport(id: string, row: ExportRow, onProgress: Progress, nextWriteNow: () => void) {
  const asked = row.scope as { from: string; to: string; zones: string[] };
  // zones named then must still exist now (a deleted zone is named in the error)
  const scope = await resolveEvidenceScope(asked);
  const paperSize = (row.options as { paperSize?: PaperSize }).paperSize;
  // the worker loads the PDF library (seconds) while the report is read from the database
  const renderer = startPdfRenderer();
  let report: AuditReport;
  let file: Awaited<ReturnType<typeof renderAuditReport>>;
  try {
    report = await buildAuditReport({ scope, generatedBy: row.requestedBy, paperSize, onProgress });
    nextWriteNow();
    await onProgress(0.8, "rendering pages");
    file = await renderAuditReport(report, renderer);
  } finally {
    // a failure before the render must not leave an idle worker behind
    renderer.close();
  }
  tooLarge(file.bytes.length, "report");
  nextWriteNow();
  await onProgress(0.95, "saving");
  const fileName = reportFileName(scope.from, scope.to);
  await prisma().$transaction(async (tx) => {
    await storeFile(tx, id, { bytes: file.bytes, sha256: file.sha256, fileName, contentType: "application/pdf" });
    await recordAuditEntry(tx, {
      actor: row.requestedBy,
      action: "evidence.export",
      subject: `export:${id}`,
      payload: {
        kind: "report.pdf",
        exportId: id,
        scope: { from: scope.from.toISOString(), to: scope.to.toISOString(), zones: scope.zoneList.map((zone) => zone.id), allZones: scope.allZones },
        sha256: file.sha256,
        bytes: file.bytes.length,
        fileName,
        paperSize: report.paperSize,
        chain: { ok: report.chain.ok, head: report.chain.head?.sequence ?? 0 },
      },
    });
  });
}

/**
 * The evidence bundle made in the background: the same producer as the streamed download
 * (GET /api/v1/evidence/bundle), its ZIP collected here with its sha256, then stored and audited
 * (the same `evidence.export` entry as a streamed bundle's, naming this export) in one transaction.
 */
async function makeBundle(id: string, row: ExportRow, onProgress: Progress, nextWriteNow: () => void) {
  await onProgress(0.02, "verifying the audit chain and reading the world");
  let progress: Promise<void> = Promise.resolve();
  const bundle = await exportEvidenceBundle({
    input: row.scope,
    actor: row.requestedBy,
    onFile: (path, done, total) => void (progress = onProgress(0.1 + 0.85 * (done / total), `writing ${path} (file ${done + 1} of ${total})`)),
  });
  const hash = createHash("sha256");
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of bundle.stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    chunks.push(chunk);
    bytes += chunk.length;
    tooLarge(bytes, "bundle");
  }
  await bundle.manifest;
  await progress;
  nextWriteNow();
  await onProgress(0.97, "saving");
  const file = { bytes: Buffer.concat(chunks), sha256: hash.digest("hex"), fileName: bundleFileName(bundle.scope.from, bundle.scope.to), contentType: "application/zip" };
  await prisma().$transaction(async (tx) => {
    await storeFile(tx, id, file);
    await bundle.recordExport({ sha256: file.sha256, bytes: file.bytes.length }, { tx, exportId: id });
  });
}

// Makes one queued evidence export: claims the row (so two processes never run
// it twice), reports progress in the row as it goes, and stores the finished
// file with its sha256 and the one `evidence.export` audit entry in the same
// transaction. A failure is recorded on the row with its message.
import { reportFileName } from "@/lib/evidence/evidence-export";
import type { PaperSize } from "@/lib/settings/organisation-settings";
import { recordAuditEntry } from "../../audit/record-audit-entry";
import { prisma } from "../../db";
import { AppError } from "../../errors";
import { buildAuditReport } from "../../reports/audit-report/build-audit-report";
import { renderAuditReport } from "../../reports/audit-report/render-audit-report";
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
    if (row.kind !== "report.pdf") throw new AppError("INVALID_REQUEST", `kind: this server cannot make "${row.kind}" exports`);
    const asked = row.scope as { from: string; to: string; zones: string[] };
    // zones named then must still exist now (a deleted zone is named in the error)
    const scope = await resolveEvidenceScope(asked);
    const paperSize = (row.options as { paperSize?: PaperSize }).paperSize;
    const report = await buildAuditReport({ scope, generatedBy: row.requestedBy, paperSize, onProgress });
    lastWrite = 0;
    await onProgress(0.8, "rendering pages");
    const file = await renderAuditReport(report);
    if (file.bytes.length > MAX_EXPORT_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `the report is ${file.bytes.length} bytes, over the ${MAX_EXPORT_BYTES}-byte limit of stored exports; narrow the period or the zones`);
    lastWrite = 0;
    await onProgress(0.95, "saving");
    const fileName = reportFileName(scope.from, scope.to);
    await db.$transaction(async (tx) => {
      const done = await tx.evidenceExport.updateMany({
        where: { id, status: "running" },
        data: { status: "done", progress: 1, phase: "done", finishedAt: new Date(), heartbeatAt: new Date(), file: new Uint8Array(file.bytes), bytes: file.bytes.length, sha256: file.sha256, fileName, contentType: "application/pdf" },
      });
      // marked failed as stale meanwhile: leave it failed, and write no entry for a file nobody can download
      if (done.count === 0) throw new AppError("CONFLICT", "the export was marked failed while it ran");
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
  } catch (error) {
    const message = error instanceof AppError ? error.message : "the export failed on the server; the server log has the details";
    if (!(error instanceof AppError)) console.error(`[zoneline] evidence export ${id} failed:`, error);
    await db.evidenceExport.updateMany({ where: { id, status: "running" }, data: { status: "failed", phase: "failed", error: message, finishedAt: new Date() } });
  }
}

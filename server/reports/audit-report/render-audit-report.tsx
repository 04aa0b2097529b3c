import type { AuditReport } from "@/lib/evidence/audit-report";
import { startPdfRenderer, type PdfRenderer } from "../pdf/render-off-thread";
import type { RenderedFile } from "../pdf/render-pdf";

/**
 * The report as PDF bytes and their sha256, rendered in a worker thread (the event loop stays free); pass a
 * renderer started earlier (startPdfRenderer) to have its start-up overlap the building of the report.
 */
export function renderAuditReport(report: AuditReport, renderer: PdfRenderer = startPdfRenderer()): Promise<RenderedFile> {
  return renderer.render({ kind: "audit-report", report });
}

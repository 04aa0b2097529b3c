import type { AuditReport } from "@/lib/evidence/audit-report";
import { renderOffThread } from "../pdf/render-off-thread";
import type { RenderedFile } from "../pdf/render-pdf";

/** The report as PDF bytes and their sha256, rendered in a worker thread (the event loop stays free). */
export function renderAuditReport(report: AuditReport): Promise<RenderedFile> {
  return renderOffThread({ kind: "audit-report", report });
}

import type { AuditReport } from "@/lib/evidence/audit-report";
import { renderPdf, type RenderedFile } from "../pdf/render-pdf";
import { AuditReportDocument } from "./audit-report-document";

/** The report as PDF bytes and their sha256. */
export function renderAuditReport(report: AuditReport): Promise<RenderedFile> {
  return renderPdf(<AuditReportDocument report={report} />);
}

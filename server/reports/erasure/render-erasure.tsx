import type { ErasureReport } from "@/lib/evidence/erasure";
import type { PaperSize } from "@/lib/settings/organisation-settings";
import { renderPdf, type RenderedFile } from "../pdf/render-pdf";
import { ErasureDocument } from "./erasure-document";

/** The erasure checklist as a PDF: bytes and their sha256. */
export function renderErasurePdf(report: ErasureReport, { generatedBy, paperSize, organisation }: { generatedBy: string; paperSize: PaperSize; organisation: string }): Promise<RenderedFile> {
  const meta = { title: "Erasure impact", organisation, generatedAt: report.generatedAt, generatedBy, paperSize };
  return renderPdf(<ErasureDocument report={report} meta={meta} />);
}

import type { ErasureReport } from "@/lib/evidence/erasure";
import type { PaperSize } from "@/lib/settings/organisation-settings";
import { renderOffThread } from "../pdf/render-off-thread";
import type { RenderedFile } from "../pdf/render-pdf";

/** The erasure checklist as a PDF: bytes and their sha256 (rendered in a worker thread). */
export function renderErasurePdf(report: ErasureReport, { generatedBy, paperSize, organisation }: { generatedBy: string; paperSize: PaperSize; organisation: string }): Promise<RenderedFile> {
  return renderOffThread({ kind: "erasure", report, generatedBy, paperSize, organisation });
}

import type { RopaRecord } from "@/lib/evidence/ropa";
import type { PaperSize } from "@/lib/settings/organisation-settings";
import { renderOffThread } from "../pdf/render-off-thread";
import type { RenderedFile } from "../pdf/render-pdf";

/** The record of processing as a PDF of its own: bytes and their sha256 (rendered in a worker thread). */
export function renderRopaPdf(record: RopaRecord, { generatedBy, paperSize, zones }: { generatedBy: string; paperSize: PaperSize; zones: readonly string[] }): Promise<RenderedFile> {
  return renderOffThread({ kind: "ropa", record, generatedBy, paperSize, zones });
}

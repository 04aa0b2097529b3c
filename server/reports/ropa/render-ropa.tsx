import type { RopaRecord } from "@/lib/evidence/ropa";
import { organisationLabel, type PaperSize } from "@/lib/settings/organisation-settings";
import { renderPdf, type RenderedFile } from "../pdf/render-pdf";
import { RopaDocument } from "./ropa-document";

export const ropaScopeLabel = (zones: readonly string[]) => (zones.length ? `zones ${zones.join(", ")}` : "every zone");

/** The record of processing as a PDF of its own: bytes and their sha256. */
export function renderRopaPdf(record: RopaRecord, { generatedBy, paperSize, zones }: { generatedBy: string; paperSize: PaperSize; zones: readonly string[] }): Promise<RenderedFile> {
  const meta = { title: "Record of processing activities", organisation: organisationLabel(record.controller), generatedAt: record.generatedAt, generatedBy, paperSize };
  return renderPdf(<RopaDocument record={record} meta={meta} scopeLabel={ropaScopeLabel(zones)} />);
}

// Exporting an erasure impact: the CSV checklist a team works through when it
// forwards a deletion downstream (a "Forwarded?" column to tick), the same
// checklist as a PDF to print, or the report as JSON for a pipeline. Built in full, audited (sha256, bytes, the
// source asset, how many assets), then handed out.
import { csvDocument } from "@/lib/evidence/csv";
import { erasureChecklistTable } from "@/lib/evidence/erasure";
import { organisationLabel } from "@/lib/settings/organisation-settings";
import type { ApiCaller } from "../auth/api-caller";
import { renderErasurePdf } from "../reports/erasure/render-erasure";
import { getOrganisationSettings } from "../settings/organisation-settings";
import type { ExportedFile } from "./export-record-of-processing";
import { getErasureImpact } from "./get-erasure-impact";
import { auditCompletedExport, authorizeEvidenceExport } from "./record-evidence-export";

export type ErasureFormat = "csv" | "json" | "pdf";

const CONTENT_TYPES: Record<ErasureFormat, string> = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8", pdf: "application/pdf" };

export async function exportErasureImpact(caller: ApiCaller, { asset, format }: { asset: string; format: ErasureFormat }): Promise<ExportedFile> {
  authorizeEvidenceExport(caller);
  const { report, worldVersion } = await getErasureImpact(asset);
  let body: Buffer;
  if (format === "csv") {
    const { header, rows } = erasureChecklistTable(report);
    body = Buffer.from(csvDocument(header, rows), "utf8");
  } else if (format === "json") body = Buffer.from(`${JSON.stringify(report, null, 2)}\n`, "utf8");
  else {
    const settings = await getOrganisationSettings();
    body = (await renderErasurePdf(report, { generatedBy: caller.name, paperSize: settings.paperSize, organisation: organisationLabel(settings) })).bytes;
  }
  const at = new Date(report.generatedAt);
  const audited = await auditCompletedExport(
    // the impact is computed on the whole current world: every zone, as of now
    { actor: caller.name, kind: `erasure.${format}`, scope: { from: at, to: at, zones: [] }, details: { asset: report.source.id, assets: report.rows.length, worldVersion } },
    body,
  );
  const safeId = report.source.id.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 80);
  return {
    body,
    contentType: CONTENT_TYPES[format],
    filename: `erasure-impact-${safeId}-${report.generatedAt.slice(0, 10)}.${format}`,
    sha256: audited.sha256,
    bytes: audited.bytes,
  };
}

// Exporting the record of processing (GDPR Art. 30(1)) as CSV, XLSX or PDF: the
// file is built in full, then its export is audited (sha256, bytes), then it
// is handed out; a failed audit entry means no file.
import { csvDocument } from "@/lib/evidence/csv";
import { ropaTable } from "@/lib/evidence/ropa";
import type { ApiCaller } from "../auth/api-caller";
import { getRecordOfProcessing } from "./get-record-of-processing";
import { auditCompletedExport, authorizeEvidenceExport } from "./record-evidence-export";
import { renderRopaPdf } from "../reports/ropa/render-ropa";
import { ropaWorkbook } from "./ropa-xlsx";

export type RopaFormat = "csv" | "xlsx" | "pdf";

const CONTENT_TYPES: Record<RopaFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};

export interface ExportedFile {
  body: Buffer;
  contentType: string;
  filename: string;
  sha256: string;
  bytes: number;
}

export async function exportRecordOfProcessing(caller: ApiCaller, { format, scope: scopeInput }: { format: RopaFormat; scope: unknown }): Promise<ExportedFile> {
  authorizeEvidenceExport(caller);
  const { scope, record, worldVersion, paperSize } = await getRecordOfProcessing(scopeInput);
  let body: Buffer;
  if (format === "csv") {
    const { header, rows } = ropaTable(record);
    body = Buffer.from(csvDocument(header, rows), "utf8");
  } else if (format === "xlsx") body = await ropaWorkbook(record, scope);
  else body = (await renderRopaPdf(record, { generatedBy: caller.name, paperSize, zones: scope.zones })).bytes;
  const audited = await auditCompletedExport(
    { actor: caller.name, kind: `ropa.${format}`, scope, details: { activities: record.activities.length, worldVersion, generatedAt: record.generatedAt } },
    body,
  );
  return { body, contentType: CONTENT_TYPES[format], filename: `record-of-processing-${record.generatedAt.slice(0, 10)}.${format}`, sha256: audited.sha256, bytes: audited.bytes };
}

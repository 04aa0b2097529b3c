// Background evidence exports (issue 11): what a request names, and what the
// dashboard and the API show of one. Shared by the Audit page's form, the
// server action, the /api/v1/evidence/exports routes and the CLI.
import { z } from "zod";
import { PAPER_SIZES, type PaperSize } from "../settings/organisation-settings.ts";

/** Kinds the export runner makes: the audit report, and the evidence bundle (also streamed by GET /api/v1/evidence/bundle). */
export const EXPORT_KINDS = ["report.pdf", "bundle.zip"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_STATUSES = ["queued", "running", "done", "failed"] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** The request beside its scope (the scope is read by lib/evidence/evidence-scope.ts). */
export const ExportOptionsInput = z.object({
  kind: z.enum(EXPORT_KINDS, { error: `kind: one of ${EXPORT_KINDS.join(", ")}` }).default("report.pdf"),
  paperSize: z
    .enum(PAPER_SIZES, { error: `paperSize: one of ${PAPER_SIZES.join(", ")}` })
    .optional(),
});

export interface EvidenceExportView {
  id: string;
  kind: string;
  status: ExportStatus;
  /** 0..1 */
  progress: number;
  phase: string;
  scope: { from: string; to: string; zones: string[] };
  paperSize: PaperSize | null;
  requestedBy: string;
  requestedAt: string;
  finishedAt: string | null;
  fileName: string | null;
  bytes: number | null;
  sha256: string | null;
  error: string | null;
  /** set once the file is there */
  downloadUrl: string | null;
}

/** `zoneline-audit-report-2026-09-01-2026-11-30.pdf` */
export function reportFileName(from: Date | string, to: Date | string): string {
  const day = (value: Date | string) => new Date(value).toISOString().slice(0, 10);
  return `zoneline-audit-report-${day(from)}-${day(to)}.pdf`;
}

/** `zoneline-evidence-2026-09-01-to-2026-11-30.zip`, as the streamed bundle is named */
export function bundleFileName(from: Date | string, to: Date | string): string {
  const day = (value: Date | string) => new Date(value).toISOString().slice(0, 10);
  return `zoneline-evidence-${day(from)}-to-${day(to)}.zip`;
}

export const exportDownloadUrl = (id: string) => `/api/v1/evidence/exports/${encodeURIComponent(id)}/download`;

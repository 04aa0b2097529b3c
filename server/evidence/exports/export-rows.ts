// The EvidenceExport row as the dashboard and the API show it (never the file
// itself), and the rule for a run that died with its process.
import { exportDownloadUrl, type EvidenceExportView, type ExportStatus } from "@/lib/evidence/evidence-export";
import type { PaperSize } from "@/lib/settings/organisation-settings";
import { prisma } from "../../db";

/**
 * A running export touches its row at least this often (the runner beats while
 * it reads; one react-pdf layout pass can hold the event loop for a while, so
 * the margin is wide). A run without a beat for longer died with its process.
 */
export const STALE_AFTER_MS = 10 * 60_000;
export const STALE_MESSAGE = "the server stopped while making this export; start it again";

/** Every column but the file. */
export const EXPORT_VIEW_SELECT = {
  id: true,
  kind: true,
  scope: true,
  options: true,
  status: true,
  progress: true,
  phase: true,
  requestedBy: true,
  requestedAt: true,
  finishedAt: true,
  fileName: true,
  bytes: true,
  sha256: true,
  error: true,
} as const;

type ViewRow = {
  id: string;
  kind: string;
  scope: unknown;
  options: unknown;
  status: string;
  progress: number;
  phase: string;
  requestedBy: string;
  requestedAt: Date;
  finishedAt: Date | null;
  fileName: string | null;
  bytes: number | null;
  sha256: string | null;
  error: string | null;
};

export function exportView(row: ViewRow): EvidenceExportView {
  const scope = (row.scope ?? {}) as { from?: string; to?: string; zones?: string[] };
  const options = (row.options ?? {}) as { paperSize?: PaperSize };
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as ExportStatus,
    progress: row.progress,
    phase: row.phase,
    scope: { from: scope.from ?? "", to: scope.to ?? "", zones: scope.zones ?? [] },
    paperSize: options.paperSize ?? null,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    fileName: row.fileName,
    bytes: row.bytes,
    sha256: row.sha256,
    error: row.error,
    downloadUrl: row.status === "done" ? exportDownloadUrl(row.id) : null,
  };
}

/**
 * Marks failed the exports whose run died with its process: running without a
 * heartbeat for STALE_AFTER_MS, or queued that long without being picked up.
 * Called on start and whenever exports are listed, so any replica notices.
 */
export async function failStaleEvidenceExports(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - STALE_AFTER_MS);
  const { count } = await prisma().evidenceExport.updateMany({
    where: {
      OR: [
        { status: "running", OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: before } }] },
        { status: "queued", requestedAt: { lt: before } },
      ],
    },
    data: { status: "failed", error: STALE_MESSAGE, phase: "failed", finishedAt: now },
  });
  return count;
}

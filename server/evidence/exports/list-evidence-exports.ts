import type { EvidenceExportView } from "@/lib/evidence/evidence-export";
import { prisma } from "../../db";
import { EXPORT_VIEW_SELECT, exportView, failStaleEvidenceExports } from "./export-rows";

/** The most recent exports, newest first (every user's: evidence is the team's), without their files. */
export async function listEvidenceExports({ take = 10 }: { take?: number } = {}): Promise<EvidenceExportView[]> {
  await failStaleEvidenceExports();
  const rows = await prisma().evidenceExport.findMany({ orderBy: [{ requestedAt: "desc" }, { id: "asc" }], take, select: EXPORT_VIEW_SELECT });
  return rows.map(exportView);
}

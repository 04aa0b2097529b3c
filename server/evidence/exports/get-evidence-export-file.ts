import { prisma } from "../../db";
import { AppError } from "../../errors";

/** The finished file of an export, for its download; a missing or unfinished one is a 404 / 409 naming it. */
export async function getEvidenceExportFile(id: string): Promise<{ bytes: Uint8Array; fileName: string; contentType: string; sha256: string }> {
  const row = await prisma().evidenceExport.findUnique({ where: { id }, select: { status: true, file: true, fileName: true, contentType: true, sha256: true } });
  if (!row) throw new AppError("NOT_FOUND", `export "${id}" does not exist`);
  if (row.status !== "done" || !row.file) throw new AppError("CONFLICT", `export "${id}" is ${row.status}: there is no file yet`);
  return { bytes: row.file, fileName: row.fileName ?? "zoneline-export", contentType: row.contentType ?? "application/octet-stream", sha256: row.sha256 ?? "" };
}

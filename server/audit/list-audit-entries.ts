import { prisma } from "../db";
import { clampPage, literal, PAGE_SIZE, pageOf } from "../paging";

export async function listAuditEntries({ page = 1, q }: { page?: number; q?: string }) {
  const where = q
    ? { OR: [{ action: { contains: literal(q), mode: "insensitive" as const } }, { subject: { contains: literal(q), mode: "insensitive" as const } }, { actor: { contains: literal(q), mode: "insensitive" as const } }] }
    : {};
  const total = await prisma().auditEntry.count({ where });
  page = clampPage(page, total);
  const rows = await prisma().auditEntry.findMany({ where, orderBy: { sequence: "desc" }, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE });
  return pageOf(rows, total, page);
}


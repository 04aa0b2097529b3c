import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "../db";
import { clampPage, literal, PAGE_SIZE, pageOf } from "../paging";

export async function listZones({ q, page = 1 }: { q?: string; page?: number }) {
  const where: Prisma.ZoneWhereInput = q
    ? {
        OR: [
          { id: { contains: literal(q), mode: "insensitive" } },
          { name: { contains: literal(q), mode: "insensitive" } },
          { owner: { contains: literal(q), mode: "insensitive" } },
          { description: { contains: literal(q), mode: "insensitive" } },
        ],
      }
    : {};
  const total = await prisma().zone.count({ where });
  page = clampPage(page, total);
  const [rows] = await Promise.all([
    prisma().zone.findMany({
      where,
      orderBy: { name: "asc" },
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      include: {
        rules: { orderBy: { position: "asc" } },
        purposes: { orderBy: { position: "asc" } },
        _count: { select: { assets: true, pathsFrom: true, pathsTo: true } },
      },
    }),
  ]);
  return pageOf(rows, total, page);
}

/** Every zone's id, name and colour, for filters and pickers. */
export async function zoneOptions() {
  return prisma().zone.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, color: true } });
}

import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "../db";
import { PAGE_SIZE, pageOf } from "../paging";

export async function listZones({ q, page = 1 }: { q?: string; page?: number }) {
  const where: Prisma.ZoneWhereInput = q
    ? {
        OR: [
          { id: { contains: q, mode: "insensitive" } },
          { name: { contains: q, mode: "insensitive" } },
          { owner: { contains: q, mode: "insensitive" } },
          { description: { contains: q, mode: "insensitive" } },
        ],
      }
    : {};
  const [rows, total] = await Promise.all([
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
    prisma().zone.count({ where }),
  ]);
  return pageOf(rows, total, page);
}

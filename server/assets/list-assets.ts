import type { AssetKind, Prisma } from "@/generated/prisma/client";
import { ASSET_KINDS } from "@/lib/world/schema";
import { prisma } from "../db";
import { clampPage, literal, PAGE_SIZE, pageOf } from "../paging";

/** The zone filter's value for "assets in no zone" (a zone literally named "(none)" would be shadowed). */
export const NO_ZONE = "(none)";

export async function listAssets({ q, page = 1, zone, kind }: { q?: string; page?: number; zone?: string; kind?: string }) {
  const where: Prisma.AssetWhereInput = {
    ...(q
      ? {
          OR: [
            { id: { contains: literal(q), mode: "insensitive" } },
            { name: { contains: literal(q), mode: "insensitive" } },
            { namespace: { contains: literal(q), mode: "insensitive" } },
            { owner: { contains: literal(q), mode: "insensitive" } },
            { labels: { some: { categoryKey: { contains: literal(q), mode: "insensitive" } } } },
          ],
        }
      : {}),
    ...(zone === NO_ZONE ? { zoneId: null } : zone ? { zoneId: zone } : {}),
    ...(kind && (ASSET_KINDS as readonly string[]).includes(kind) ? { kind: kind as AssetKind } : {}),
  };
  const total = await prisma().asset.count({ where });
  page = clampPage(page, total);
  const [rows, zones] = await Promise.all([
    prisma().asset.findMany({
      where,
      orderBy: [{ namespace: "asc" }, { name: "asc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      include: {
        labels: { orderBy: { position: "asc" } },
        zone: { select: { id: true, name: true, color: true } },
        _count: { select: { incoming: true, outgoing: true } },
      },
    }),
    prisma().zone.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { ...pageOf(rows, total, page), zones };
}

import type { PathStatus } from "@/generated/prisma/client";
import { PATH_STATUSES } from "@/lib/world/schema";
import { prisma } from "../db";

export async function listSanctionedPaths({ status }: { status?: string } = {}) {
  const filter = (PATH_STATUSES as readonly string[]).includes(status ?? "") ? (status as PathStatus) : undefined;
  const [paths, counts] = await Promise.all([
    prisma().sanctionedPath.findMany({
      where: filter ? { status: filter } : {},
      orderBy: [{ status: "asc" }, { id: "asc" }],
      include: {
        fromZone: { select: { id: true, name: true, color: true } },
        toZone: { select: { id: true, name: true, color: true } },
        purpose: { select: { key: true, name: true } },
      },
    }),
    prisma().sanctionedPath.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  return { paths, counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Partial<Record<PathStatus, number>> };
}

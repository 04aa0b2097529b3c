import { prisma } from "../db";
import { AppError } from "../errors";

export async function getZone(id: string) {
  const zone = await prisma().zone.findUnique({
    where: { id },
    include: {
      rules: { orderBy: { position: "asc" }, include: { category: { select: { name: true } } } },
      purposes: { orderBy: { position: "asc" }, include: { purpose: { select: { name: true } } } },
      assets: { orderBy: { name: "asc" }, include: { labels: { orderBy: { position: "asc" } } } },
      pathsFrom: { orderBy: { id: "asc" }, include: { toZone: { select: { name: true, color: true } } } },
      pathsTo: { orderBy: { id: "asc" }, include: { fromZone: { select: { name: true, color: true } } } },
    },
  });
  if (!zone) throw new AppError("NOT_FOUND", `no zone "${id}"`);
  return zone;
}

import { prisma } from "../db";
import { AppError } from "../errors";
import { getDatasetFacets } from "../lineage/get-dataset-facets";

const otherEnd = { select: { id: true, name: true, namespace: true, kind: true, zone: { select: { id: true, name: true, color: true } } } };

export async function getAsset(id: string) {
  const asset = await prisma().asset.findUnique({
    where: { id },
    include: {
      zone: true,
      purpose: { select: { key: true, name: true } },
      labels: { orderBy: { position: "asc" }, include: { category: { select: { name: true } } } },
      incoming: { orderBy: { fromId: "asc" }, include: { from: otherEnd } },
      outgoing: { orderBy: { toId: "asc" }, include: { to: otherEnd } },
    },
  });
  if (!asset) throw new AppError("NOT_FOUND", `no asset "${id}"`);
  // the latest OpenLineage facets (schema, column lineage), null when no event reported any
  return { ...asset, openLineage: await getDatasetFacets(id) };
}

// What the asset page shows of an asset's OpenLineage facets: the schema
// (column, type, description), the column lineage (output column ← input
// dataset.column, with the input's asset id when Zoneline holds it, for a
// link), and the names of the other facets kept. Null when none came.
import { columnLineageOf, schemaColumnsOf, type DatasetFacetsView } from "@/lib/lineage/openlineage-facets";
import { prisma } from "../db";

export async function getDatasetFacets(assetId: string): Promise<DatasetFacetsView | null> {
  const row = await prisma().assetFacets.findUnique({ where: { assetId } });
  if (!row) return null;
  const facets = row.facets as Record<string, unknown>;
  const facetTimes = row.facetTimes as Record<string, string>;
  const lineage = columnLineageOf(facets);
  const inputs = [...new Map(lineage.flatMap((entry) => entry.inputs).map((i) => [`${i.namespace}\u0000${i.name}`, { namespace: i.namespace, name: i.name }])).values()];
  const known = inputs.length
    ? await prisma().asset.findMany({ where: { OR: inputs }, select: { id: true, namespace: true, name: true } })
    : [];
  const idOf = new Map(known.map((asset) => [`${asset.namespace}\u0000${asset.name}`, asset.id]));
  return {
    schema: schemaColumnsOf(facets),
    columnLineage: lineage.map((entry) => ({
      column: entry.column,
      inputs: entry.inputs.map((input) => ({ ...input, assetId: idOf.get(`${input.namespace}\u0000${input.name}`) ?? null })),
    })),
    otherFacets: Object.keys(facets)
      .filter((name) => name !== "schema" && name !== "columnLineage")
      .sort()
      .map((name) => ({ name, eventTime: facetTimes[name] ?? null })),
    updatedAt: row.updatedAt.toISOString(),
  };
}

// An asset's OpenLineage facets on its page: the schema (column, type,
// description) and the column lineage (output column ← input dataset.column,
// linked when Zoneline holds the input), as the latest events reported them.
import Link from "next/link";
import type { DatasetFacetsView } from "@/lib/lineage/openlineage-facets";
import { tableClass, tdClass, thClass } from "@/components/ui/list-controls";
import { Card } from "@/components/ui/page-header";

export function DatasetFacets({ facets }: { facets: DatasetFacetsView | null }) {
  if (!facets) return null;
  return (
    <section aria-label="OpenLineage facets" className="mt-8">
      <h2 className="mb-2 text-sm font-semibold text-slate-900">
        From OpenLineage <span className="font-normal text-slate-500">(latest facets, updated {facets.updatedAt.slice(0, 16).replace("T", " ")} UTC)</span>
      </h2>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={`Schema (${facets.schema.length} columns)`}>
          {facets.schema.length ? (
            <table className={tableClass} aria-label="Schema">
              <thead className="bg-slate-50">
                <tr>
                  <th className={thClass}>Column</th>
                  <th className={thClass}>Type</th>
                  <th className={thClass}>Description</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {facets.schema.map((column) => (
                  <tr key={column.name}>
                    <td className={`${tdClass} font-mono text-xs`}>{column.name}</td>
                    <td className={`${tdClass} text-xs text-slate-600`}>{column.type ?? "—"}</td>
                    <td className={`${tdClass} text-xs text-slate-600`}>{column.description ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-500">No schema facet has been reported for this asset.</p>
          )}
        </Card>
        <Card title="Column lineage">
          {facets.columnLineage.length ? (
            <table className={tableClass} aria-label="Column lineage">
              <thead className="bg-slate-50">
                <tr>
                  <th className={thClass}>Column</th>
                  <th className={thClass}>Comes from</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {facets.columnLineage.map((entry) => (
                  <tr key={entry.column}>
                    <td className={`${tdClass} font-mono text-xs`}>{entry.column}</td>
                    <td className={tdClass}>
                      <ul className="space-y-0.5 text-xs">
                        {entry.inputs.map((input, i) => (
                          <li key={i}>
                            <span className="text-slate-400">← </span>
                            {input.assetId ? (
                              <Link href={`/assets/${encodeURIComponent(input.assetId)}`} className="font-medium text-ink hover:text-brand-600">
                                {input.name}
                              </Link>
                            ) : (
                              <span title={`${input.namespace} / ${input.name} is not an asset Zoneline holds`}>{input.name}</span>
                            )}
                            <span className="font-mono">.{input.field}</span>
                            <span className="ml-1 text-slate-400">{input.namespace}</span>
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-500">No column lineage facet has been reported for this asset.</p>
          )}
        </Card>
      </div>
      {facets.otherFacets.length ? (
        <p className="mt-2 text-xs text-slate-500">
          Also kept as they came: {facets.otherFacets.map((facet) => facet.name).join(", ")}.
        </p>
      ) : null}
    </section>
  );
}

import type { Metadata } from "next";
import { MatrixControls, type MatrixOptions } from "@/components/zone-matrix/matrix-controls";
import { GraphViewTabs, sharedViewQuery } from "@/components/zone-matrix/view-tabs";
import { MatrixLegend, ZoneMatrixTable } from "@/components/zone-matrix/zone-matrix";
import { EmptyState } from "@/components/ui/page-header";
import { parseViewState } from "@/lib/graph/query-schemas";
import { MATRIX_SORTS, zoneMatrix, type MatrixSort } from "@/lib/graph/zone-matrix";
import { MAX_UNZONED_GROUPS } from "@/lib/graph/zone-flows";
import { getZoneFlows } from "@/server/graph/get-zone-flows";
import { pageActor } from "@/app/_lib/session";
import { firstParam, type SearchParams } from "../../_lib/or-not-found";

// Reads the database on every request (never at build time).
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Zone matrix" };

/** The zone matrix: the graph's second view, every zone against every zone, for organisations with many zones. */
export default async function ZoneMatrixPage({ searchParams }: { searchParams: SearchParams }) {
  await pageActor();
  const raw = await searchParams;
  const view = parseViewState(raw);
  const sortParam = firstParam(raw.sort);
  const sort: MatrixSort = MATRIX_SORTS.includes(sortParam as MatrixSort) ? (sortParam as MatrixSort) : "violations";
  const unzonedParam = firstParam(raw.unzoned);
  const unzoned = unzonedParam === "merged" || unzonedParam === "namespace" ? unzonedParam : null;
  const filter = { violationsOnly: view.violationsOnly, categories: view.categories };

  // Unless the reviewer asks otherwise, unzoned assets are grouped as on the zone map: by namespace, or in one
  // group when there are hundreds of namespaces (a grid that size would be unreadable).
  const flows = await getZoneFlows({ filter: { ...filter, ...(unzoned ? { unzoned } : {}) } });
  const merged = flows.unzoned === "merged";
  const matrix = zoneMatrix(flows, sort);
  const options: MatrixOptions = { categories: view.categories, violationsOnly: view.violationsOnly, sort, unzoned };

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2" data-testid="matrix-toolbar">
        <GraphViewTabs current="matrix" state={view} />
        <h1 className="sr-only">Zone matrix</h1>
        <MatrixControls options={options} categoryOptions={flows.categoryOptions} unzonedMerged={merged} />
      </div>
      <div className="border-b border-slate-200 bg-white px-4 py-1.5">
        <MatrixLegend totals={matrix.totals} />
        {matrix.hiddenEmpty || (merged && unzoned === null) ? (
          <p className="mt-0.5 text-xs text-slate-600" data-testid="matrix-notes">
            {matrix.hiddenEmpty ? `${matrix.hiddenEmpty} ${matrix.hiddenEmpty === 1 ? "zone" : "zones"} with no asset${view.violationsOnly || view.categories.length ? " matching the filter" : ""} not shown. ` : null}
            {merged && unzoned === null ? `Unzoned assets of more than ${MAX_UNZONED_GROUPS} namespaces are shown as one group, as on the map.` : null}
          </p>
        ) : null}
      </div>
      <div className="min-h-0 flex-1 overflow-auto bg-slate-50" data-testid="matrix-scroll" tabIndex={0} role="region" aria-label="Zone matrix, scrollable">
        {matrix.groups.length ? (
          <ZoneMatrixTable matrix={matrix} viewQuery={sharedViewQuery(view)} />
        ) : (
          <div className="p-6">
            <EmptyState title="No zone to show">{view.violationsOnly || view.categories.length ? "Nothing matches the filter." : "Define zones and register assets to see the flows between them."}</EmptyState>
          </div>
        )}
      </div>
    </div>
  );
}

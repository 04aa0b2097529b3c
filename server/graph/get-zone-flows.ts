// The zone-level graph of the current world (zone-flows.ts) for the zone
// matrix and the zone map: computed once per loaded graph and filter, since a
// 400k-edge world takes a noticeable fraction of a second to aggregate.
import { unzonedGrouping, zoneFlowGraph, type ZoneFlowFilter, type ZoneFlowGraph } from "@/lib/graph/zone-flows";
import { categoryOptions } from "./get-graph-view";
import { loadGraph, type LoadedGraph } from "./load-graph";

const memo = new WeakMap<LoadedGraph, Map<string, ZoneFlowGraph>>();

export function zoneFlowsOf(graph: LoadedGraph, filter: ZoneFlowFilter): ZoneFlowGraph {
  let byFilter = memo.get(graph);
  if (!byFilter) memo.set(graph, (byFilter = new Map()));
  const key = JSON.stringify([filter.violationsOnly ?? false, [...(filter.categories ?? [])].sort(), filter.unzoned ?? "namespace"]);
  let flows = byFilter.get(key);
  if (!flows) {
    if (byFilter.size >= 32) byFilter.clear();
    flows = zoneFlowGraph(graph.source, filter);
    byFilter.set(key, flows);
  }
  return flows;
}

/** Without `filter.unzoned`, unzoned assets are grouped as the zone map groups them (unzonedGrouping: one rule for both views). */
export async function getZoneFlows(options: {
  filter: ZoneFlowFilter;
}): Promise<ZoneFlowGraph & { version: string; categoryOptions: string[]; unzoned: "namespace" | "merged"; unzonedDefault: "namespace" | "merged" }> {
  const graph = await loadGraph();
  const unzonedDefault = unzonedGrouping(graph.source);
  const unzoned = options.filter.unzoned ?? unzonedDefault;
  return { ...zoneFlowsOf(graph, { ...options.filter, unzoned }), version: graph.version, categoryOptions: categoryOptions(graph), unzoned, unzonedDefault };
}

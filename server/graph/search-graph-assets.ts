import { searchAssets } from "@/lib/graph/view";
import { loadGraph } from "./load-graph";

export async function searchGraphAssets({ query, limit = 12 }: { query: string; limit?: number }) {
  const graph = await loadGraph();
  return searchAssets(graph.index, graph.layout, query, limit);
}

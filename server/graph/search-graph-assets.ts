import { searchAssets } from "@/lib/graph/view";
import type { ViewState } from "@/lib/graph/view-state";
import { focusedGraph } from "./focused-graph";
import { loadGraph } from "./load-graph";

/** Assets by name; in focus mode, only the focus set, at its positions in the focused picture. */
export async function searchGraphAssets({ query, state, limit = 12 }: { query: string; state?: ViewState; limit?: number }) {
  const graph = await loadGraph();
  const focused = state?.focus && graph.index.asset.has(state.focus) ? await focusedGraph(graph, state.focus, state.depth) : null;
  return searchAssets(focused?.index ?? graph.index, focused?.layout ?? graph.layout, query, limit);
}

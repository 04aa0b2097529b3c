import { violationsConcerning, type ExplainSubject } from "@/lib/engine/explain";
import { AppError } from "../errors";
import { runInBackground } from "../run-in-background";
import { pathThroughEdge } from "@/lib/graph/highlight";
import type { GraphViewResult } from "@/lib/graph/responses";
import { buildView } from "@/lib/graph/view";
import { NODE_H, NODE_W, type Box, type GraphLayout } from "@/lib/graph/types";
import type { ViewState } from "@/lib/graph/view-state";
import { focusedGraph } from "./focused-graph";
import { loadGraph, type LoadedGraph } from "./load-graph";

/** The offending paths of the selection, as the engine explains them, to highlight on the graph. */
export function selectionPaths(graph: LoadedGraph, state: ViewState): string[][] {
  const sel = state.selected;
  if (!sel) return [];
  const subject: ExplainSubject = sel.kind === "asset" ? { asset: sel.id } : { edge: { from: sel.from, to: sel.to } };
  if ("asset" in subject ? !graph.index.asset.has(subject.asset) : !graph.evaluation.hasAsset(subject.edge.from)) return [];
  return violationsConcerning(graph.evaluation, subject).map((v) => (v.edge ? pathThroughEdge(v.path, v.edge.from, v.edge.to) : v.path));
}

const categoryMemo = new WeakMap<LoadedGraph, string[]>();
export function categoryOptions(graph: LoadedGraph): string[] {
  let list = categoryMemo.get(graph);
  if (!list) {
    // Offer the first two levels of the taxonomy that occur (user, user.behavior, …): enough to filter by.
    const keys = new Set<string>();
    for (const a of graph.source.assets) {
      for (const c of a.categories) {
        const parts = c.split(".");
        keys.add(parts[0]);
        if (parts.length > 1) keys.add(parts.slice(0, 2).join("."));
      }
    }
    list = [...keys].sort();
    categoryMemo.set(graph, list);
  }
  return list;
}

/** The selection's place in the layout: an asset's box, or the box around both ends of an edge. */
function selectionBox(layout: GraphLayout, state: ViewState): Box | null {
  const sel = state.selected;
  const ends = sel?.kind === "asset" ? [sel.id] : sel?.kind === "edge" ? [sel.from, sel.to] : [];
  const points = ends.map((id) => layout.assets[id]).filter((p) => p !== undefined);
  if (!points.length || points.length !== ends.length) return null;
  const x = Math.min(...points.map((p) => p.x));
  const y = Math.min(...points.map((p) => p.y));
  return { x, y, w: Math.max(...points.map((p) => p.x)) + NODE_W - x, h: Math.max(...points.map((p) => p.y)) + NODE_H - y };
}

export async function getGraphView(options: {
  state: ViewState;
  lod?: "auto" | "overview" | "detail";
  bbox?: Box | null;
}): Promise<GraphViewResult> {
  const graph = await loadGraph();
  const { state } = options;
  if (state.focus && !graph.index.asset.has(state.focus)) {
    throw new AppError("NOT_FOUND", `focus: unknown asset "${state.focus}"`);
  }
  const focused = state.focus ? await focusedGraph(graph, state.focus, state.depth) : null;
  const index = focused?.index ?? graph.index;
  const layout = focused?.layout ?? graph.layout;
  const view = buildView(index, layout, state, {
    lod: options.lod ?? "auto",
    bbox: options.bbox ?? null,
    highlightPaths: selectionPaths(graph, state),
  });
  const overview =
    view.lod === "detail" && view.complete
      ? buildView(index, layout, state, { lod: "overview", highlightPaths: selectionPaths(graph, state) })
      : undefined;
  if (view.lod === "overview") {
    // The next request will likely zoom in: prepare the detail index for this view now, off the response path.
    void runInBackground("prepare the detail view", () => buildView(index, layout, state, { lod: "detail", bbox: { x: 0, y: 0, w: 1, h: 1 } }));
  }
  const totals = { ...view.totals, assets: graph.source.assets.length, edges: graph.source.edges.length };
  return {
    ...view,
    totals,
    overview: overview && { ...overview, totals },
    version: graph.version,
    selectionBox: selectionBox(layout, state),
    zoneOptions: graph.source.zones.map((z) => ({ id: z.id, name: z.name, color: z.color })),
    categoryOptions: categoryOptions(graph),
  };
}

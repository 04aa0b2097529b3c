// Where the canvas should look: the first view (around a shared selection, or
// fitted), a refit when the filters change, a jump to a search hit. The canvas
// carries each request out once, by its key.
import { useCallback, useState } from "react";
import { NODE_H, NODE_W } from "@/lib/graph/types";
import type { GraphSearchResult, GraphViewResult } from "@/lib/graph/responses";
import type { GraphView } from "@/lib/graph/view";
import type { Selection, ViewState } from "@/lib/graph/view-state";
import type { ViewportRequest } from "./graph-canvas";

function initialRequest(state: ViewState, view: GraphViewResult): ViewportRequest {
  // The server says where the selection lies (a large world's first view is the zone map, without assets):
  // zoomed to it, the canvas fetches the region around it and draws the asset itself.
  const box = view.selectionBox;
  if (state.selected?.kind === "asset" && box) {
    return { kind: "center", x: box.x + box.w / 2, y: box.y + box.h / 2, zoom: 1, key: `init:${state.selected.id}` };
  }
  if (state.selected?.kind === "edge" && box) {
    return { kind: "fit", box, key: `init:${state.selected.from}>${state.selected.to}`, minZoom: 0.6 };
  }
  return fitRequest(view, "init");
}

/** Fit the view; a filtered or focused view of a few assets starts readable rather than tiny (around the selection if any). */
function fitRequest(view: GraphView, key: string, selected: Selection = null): ViewportRequest {
  const readable = view.fitBox !== null && view.totals.visibleAssets <= 80;
  const anchor = readable && selected?.kind === "asset" ? view.assets.find((a) => a.id === selected.id) : undefined;
  if (anchor) return { kind: "center", x: anchor.x + NODE_W / 2, y: anchor.y + NODE_H / 2, zoom: 0.75, key };
  return { kind: "fit", box: view.fitBox ?? view.bounds, key, minZoom: readable ? 0.6 : undefined };
}

export function useViewportRequest(initialState: ViewState, initialView: GraphViewResult) {
  const [request, setRequest] = useState<ViewportRequest | null>(() => initialRequest(initialState, initialView));
  const fit = useCallback((view: GraphView, key: string, selected: Selection) => setRequest(fitRequest(view, key, selected)), []);
  const centerOn = useCallback(
    (hit: GraphSearchResult) => setRequest({ kind: "center", x: hit.x + NODE_W / 2, y: hit.y + NODE_H / 2, zoom: 1, key: `search:${hit.id}:${Date.now()}` }),
    [],
  );
  return { request, fit, centerOn };
}

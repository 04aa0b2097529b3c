// The URLs the client fetches the graph with. query-schemas.ts reads them on
// the server; both sides share view-state.ts's codec and limits, and a test
// checks that every URL built here reads back as what was asked.
import type { Box } from "./types.ts";
import { QUERY_LIMITS, type Selection, type ViewState } from "./view-state.ts";

export const LODS = ["auto", "overview", "detail"] as const;
export type Lod = (typeof LODS)[number];

/** `viewQuery`: serializeViewState (or viewShapeKey) of the view to draw. */
export function graphApiUrl(viewQuery: string, options: { lod: Lod; bbox?: Box }): string {
  const params = new URLSearchParams(viewQuery);
  params.set("lod", options.lod);
  if (options.bbox) params.set("bbox", [options.bbox.x, options.bbox.y, options.bbox.w, options.bbox.h].join(","));
  return `/api/v1/graph?${params}`;
}

/** A longer search is cut, not refused: the first characters already narrow it down. */
export function cutSearch(query: string): string {
  const cut = query.slice(0, QUERY_LIMITS.search);
  // never half a surrogate pair, which a URL would turn into U+FFFD
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

export function searchApiUrl(query: string, state: Pick<ViewState, "focus" | "depth">): string {
  const params = new URLSearchParams({ q: cutSearch(query) });
  if (state.focus) {
    params.set("focus", state.focus);
    params.set("depth", state.depth === null ? "all" : String(state.depth));
  }
  return `/api/v1/graph/search?${params}`;
}

export function explainApiUrl(selection: NonNullable<Selection>): string {
  const params = new URLSearchParams(selection.kind === "asset" ? { asset: selection.id } : { from: selection.from, to: selection.to });
  return `/api/v1/graph/explain?${params}`;
}

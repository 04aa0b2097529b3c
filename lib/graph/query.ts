// The graph API's query parameters: one zod schema per route, and beside each
// the function the client calls to build that route's URL, so the two cannot
// drift apart (a test sends every built URL through its schema).
import { z } from "zod";
import type { Box } from "./types.ts";
import {
  idParam,
  QUERY_LIMITS,
  toViewState,
  viewStateParams,
  type Selection,
  type ViewState,
} from "./view-state.ts";

const lods = ["auto", "overview", "detail"] as const;
export type Lod = (typeof lods)[number];

const coordinate = z
  .string()
  .regex(/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i, "not a number")
  .transform(Number)
  .refine((n) => Math.abs(n) <= QUERY_LIMITS.coordinate, "out of range");

const bboxParam = z
  .string()
  .max(100, "at most 100 characters")
  .transform((text) => text.split(","))
  .pipe(z.tuple([coordinate, coordinate, coordinate.refine((n) => n >= 0, "negative width"), coordinate.refine((n) => n >= 0, "negative height")], { error: "expected x,y,width,height" }))
  .transform(([x, y, w, h]): Box => ({ x, y, w, h }));

/** GET /api/v1/graph: the view state, the level of detail, and for detail a region. */
export const graphQuery = z
  .object({
    ...viewStateParams,
    lod: z.enum(lods, { error: `one of ${lods.join(", ")}` }).default("auto"),
    bbox: bboxParam.optional(),
  })
  .transform(({ lod, bbox, ...view }) => ({ state: toViewState(view), lod, bbox: bbox ?? null }));

/** `viewQuery`: serializeViewState (or viewShapeKey) of the view to draw. */
export function graphApiUrl(viewQuery: string, options: { lod: Lod; bbox?: Box }): string {
  const params = new URLSearchParams(viewQuery);
  params.set("lod", options.lod);
  if (options.bbox) params.set("bbox", [options.bbox.x, options.bbox.y, options.bbox.w, options.bbox.h].join(","));
  return `/api/v1/graph?${params}`;
}

/** GET /api/v1/graph/search: a name to look for, within the focus set if any. */
export const searchQuery = z
  .object({
    q: z.string().max(QUERY_LIMITS.search, `at most ${QUERY_LIMITS.search} characters`).default(""),
    focus: viewStateParams.focus,
    depth: viewStateParams.depth,
  })
  .transform(({ q, ...view }) => ({ query: q, state: toViewState(view) }));

/** A longer search is cut, not refused: the first characters already narrow it down. */
export function searchApiUrl(query: string, state: Pick<ViewState, "focus" | "depth">): string {
  const params = new URLSearchParams({ q: query.slice(0, QUERY_LIMITS.search) });
  if (state.focus) {
    params.set("focus", state.focus);
    params.set("depth", state.depth === null ? "all" : String(state.depth));
  }
  return `/api/v1/graph/search?${params}`;
}

/** GET /api/v1/graph/explain: an asset, or an edge. Ids are whole parameters here, so they need no escaping. */
export const explainQuery = z
  .object({ asset: idParam.optional(), from: idParam.optional(), to: idParam.optional() })
  .transform((q, ctx): { asset: string } | { from: string; to: string } => {
    if (q.asset !== undefined) return { asset: q.asset };
    if (q.from !== undefined && q.to !== undefined) return { from: q.from, to: q.to };
    ctx.addIssue({ code: "custom", path: ["asset"], message: "give asset=ID, or from=ID and to=ID for an edge" });
    return z.NEVER;
  });

export function explainApiUrl(selection: NonNullable<Selection>): string {
  const params = new URLSearchParams(selection.kind === "asset" ? { asset: selection.id } : { from: selection.from, to: selection.to });
  return `/api/v1/graph/explain?${params}`;
}

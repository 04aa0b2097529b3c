// The query parameters of the graph's page and routes as zod schemas: routes
// read strictly (a bad parameter is a 400 that names it), the page forgivingly
// (a bad parameter takes its default). They decode with view-state.ts's codec
// and limits, the ones the client writes URLs with (query.ts), and a test sends
// every URL the client can build through these schemas.
import { z } from "zod";
import { firstValues, type QueryParams } from "../query-params.ts";
import type { Box } from "./types.ts";
import { LODS } from "./query.ts";
import { decodeIdList, decodeSelection, EMPTY_VIEW, QUERY_LIMITS, type Selection, type ViewState } from "./view-state.ts";

const idText = z
  .string()
  .min(1, "must not be empty")
  .max(QUERY_LIMITS.id, `at most ${QUERY_LIMITS.id} characters`);

const idListParam = z
  .string()
  .max(QUERY_LIMITS.listChars, `at most ${QUERY_LIMITS.listChars} characters`)
  .transform(decodeIdList)
  .pipe(z.array(idText).max(QUERY_LIMITS.list, `at most ${QUERY_LIMITS.list} ids`));

const selectionParam = z
  .string()
  // two ids, each at most three times as long once escaped, and "e:" and ">"
  .max(2 * QUERY_LIMITS.id * 3 + 3, "too long")
  .transform((text, ctx): NonNullable<Selection> => {
    const selection = decodeSelection(text);
    if (selection) return selection;
    ctx.addIssue({ code: "custom", message: `expected a:ASSET or e:FROM>TO, got ${JSON.stringify(text.slice(0, 80))}` });
    return z.NEVER;
  })
  .refine((sel) => (sel.kind === "asset" ? [sel.id] : [sel.from, sel.to]).every((id) => id.length <= QUERY_LIMITS.id), {
    message: `ids of at most ${QUERY_LIMITS.id} characters`,
  });

const depthParam = z
  .string()
  .regex(/^(all|\d{1,7})$/, `a number of edges from 0 to ${QUERY_LIMITS.depth}, or all`)
  .transform((text) => (text === "all" ? null : Number(text)))
  .refine((depth) => depth === null || depth <= QUERY_LIMITS.depth, `at most ${QUERY_LIMITS.depth} edges (or all)`);

/** One zod schema per parameter of the view state, each optional (absent: the default). */
const viewStateParams = {
  sel: selectionParam.optional(),
  zones: idListParam.optional(),
  cats: idListParam.optional(),
  violations: z.enum(["0", "1"], { error: "1 or 0" }).optional(),
  focus: idText.optional(),
  depth: depthParam.optional(),
  collapsed: idListParam.optional(),
};

type ParsedViewParams = z.output<z.ZodObject<typeof viewStateParams>>;

function toViewState(p: ParsedViewParams): ViewState {
  return {
    selected: p.sel ?? null,
    zones: p.zones ?? [],
    categories: p.cats ?? [],
    violationsOnly: p.violations === "1",
    focus: p.focus ?? null,
    depth: p.depth === undefined ? EMPTY_VIEW.depth : p.depth,
    collapsed: p.collapsed ?? [],
  };
}

/** The view state of a URL, strictly: a bad parameter is an error that names it. */
export const viewStateQuery = z.object(viewStateParams).transform(toViewState);

/** For pages, which forgive what a route refuses: never fails; a parameter that cannot be read takes its default. */
export function parseViewState(params: QueryParams): ViewState {
  const values = firstValues(params);
  const parsed: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(viewStateParams)) {
    const result = schema.safeParse(values[key]);
    if (result.success) parsed[key] = result.data;
  }
  return toViewState(parsed as ParsedViewParams);
}

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
    lod: z.enum(LODS, { error: `one of ${LODS.join(", ")}` }).default("auto"),
    bbox: bboxParam.optional(),
  })
  .transform(({ lod, bbox, ...view }) => ({ state: toViewState(view), lod, bbox: bbox ?? null }));

/** GET /api/v1/graph/search: a name to look for, within the focus set if any. */
export const searchQuery = z
  .object({
    q: z.string().max(QUERY_LIMITS.search, `at most ${QUERY_LIMITS.search} characters`).default(""),
    focus: viewStateParams.focus,
    depth: viewStateParams.depth,
  })
  .transform(({ q, ...view }) => ({ query: q, state: toViewState(view) }));

/** GET /api/v1/graph/explain: an asset, or an edge. Ids are whole parameters here, so they need no escaping. */
export const explainQuery = z
  .object({ asset: idText.optional(), from: idText.optional(), to: idText.optional() })
  .transform((q, ctx): { asset: string } | { from: string; to: string } => {
    if (q.asset !== undefined) return { asset: q.asset };
    if (q.from !== undefined && q.to !== undefined) return { from: q.from, to: q.to };
    ctx.addIssue({ code: "custom", path: ["asset"], message: "give asset=ID, or from=ID and to=ID for an edge" });
    return z.NEVER;
  });


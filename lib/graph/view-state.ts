// The view state lives in the URL so that a view can be shared: selection,
// filters, focus and collapsed zones. One codec, used by the page (server),
// the route handlers and the client: the zod schemas below are the format, so
// what the client writes is exactly what the routes accept.
import { z } from "zod";
import { firstValues, type QueryParams } from "../query-params.ts";

export type Selection = { kind: "asset"; id: string } | { kind: "edge"; from: string; to: string } | null;

export interface ViewState {
  selected: Selection;
  /** Only assets in these zones (empty: all). */
  zones: string[];
  /** Only assets with an effective label whose category one of these keys covers (empty: all). */
  categories: string[];
  violationsOnly: boolean;
  /** Focus mode: only the upstream and downstream of this asset. */
  focus: string | null;
  /** Focus depth in edges; null = unlimited. */
  depth: number | null;
  collapsed: string[];
}

export const EMPTY_VIEW: ViewState = {
  selected: null,
  zones: [],
  categories: [],
  violationsOnly: false,
  focus: null,
  depth: 2,
  collapsed: [],
};

/**
 * What one request may ask for. Node refuses request heads over 16 KB anyway;
 * these bounds make the cost of one request (filter sets, focus walks) small
 * whatever the URL says, and name the parameter when they are exceeded.
 */
export const QUERY_LIMITS = {
  /** characters of one id or category key */
  id: 512,
  /** ids in one list (zones, cats, collapsed): more than any world has zones */
  list: 1000,
  /** characters of one list parameter, escapes included */
  listChars: 32_768,
  /** characters of a search */
  search: 200,
  /** focus depth in edges */
  depth: 1000,
  /** absolute value of a bbox coordinate or size */
  coordinate: 1e9,
} as const;

// Lists are comma-joined and an edge is FROM>TO, so inside an id those two
// characters (and %, the escape itself) are percent-escaped. Any id round-trips,
// and a URL of plain ids (every URL written before escaping) reads as before.
const ESCAPES: Record<string, string> = { "%": "%25", ",": "%2C", ">": "%3E" };

export function escapeId(id: string): string {
  return id.replace(/[%,>]/g, (c) => ESCAPES[c]);
}

export function unescapeId(text: string): string {
  return text.replace(/%(25|2C|3E)/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const idText = z
  .string()
  .min(1, "must not be empty")
  .max(QUERY_LIMITS.id, `at most ${QUERY_LIMITS.id} characters`);

export const idParam = idText;

const idListParam = z
  .string()
  .max(QUERY_LIMITS.listChars, `at most ${QUERY_LIMITS.listChars} characters`)
  .transform((text) => [...new Set(text.split(",").filter(Boolean).map(unescapeId))].sort())
  .pipe(z.array(idText).max(QUERY_LIMITS.list, `at most ${QUERY_LIMITS.list} ids`));

const selectionParam = z
  .string()
  .max(2 * QUERY_LIMITS.id * 3 + 3, "too long")
  .transform((text, ctx): NonNullable<Selection> => {
    if (text.startsWith("a:") && text.length > 2) return { kind: "asset", id: unescapeId(text.slice(2)) };
    const parts = text.startsWith("e:") ? text.slice(2).split(">") : [];
    if (parts.length === 2 && parts[0] && parts[1]) return { kind: "edge", from: unescapeId(parts[0]), to: unescapeId(parts[1]) };
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
export const viewStateParams = {
  sel: selectionParam.optional(),
  zones: idListParam.optional(),
  cats: idListParam.optional(),
  violations: z.enum(["0", "1"], { error: "1 or 0" }).optional(),
  focus: idText.optional(),
  depth: depthParam.optional(),
  collapsed: idListParam.optional(),
};

type ParsedViewParams = z.output<z.ZodObject<typeof viewStateParams>>;

export function toViewState(p: ParsedViewParams): ViewState {
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

const selectionText = (s: NonNullable<Selection>) => (s.kind === "asset" ? `a:${escapeId(s.id)}` : `e:${escapeId(s.from)}>${escapeId(s.to)}`);
const listText = (ids: string[]) => [...ids].sort().map(escapeId).join(",");

/** Canonical query string (stable key order, defaults omitted). */
export function serializeViewState(state: ViewState): string {
  const out = new URLSearchParams();
  if (state.selected) out.set("sel", selectionText(state.selected));
  if (state.zones.length) out.set("zones", listText(state.zones));
  if (state.categories.length) out.set("cats", listText(state.categories));
  if (state.violationsOnly) out.set("violations", "1");
  if (state.focus) {
    out.set("focus", state.focus);
    out.set("depth", state.depth === null ? "all" : String(state.depth));
  }
  if (state.collapsed.length) out.set("collapsed", listText(state.collapsed));
  return out.toString();
}

/** The part of the state that changes which nodes exist (selection only highlights). */
export function viewShapeKey(state: ViewState): string {
  return serializeViewState({ ...state, selected: null });
}

// The view state lives in the URL so that a view can be shared: selection,
// filters, focus and collapsed zones. This is the codec and its limits, for the
// client (which writes URLs) and the server alike; query-schemas.ts reads URLs
// with it, strictly for routes and forgivingly for pages. No zod here, so the
// browser does not download a validator it never runs.

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

/** `a,b%2Cc` → ["a", "b,c"]: unique, sorted, empty items dropped. */
export function decodeIdList(text: string): string[] {
  return [...new Set(text.split(",").filter(Boolean).map(unescapeId))].sort();
}

/** `a:ID` or `e:FROM>TO`; null when it is neither. */
export function decodeSelection(text: string): Selection {
  if (text.startsWith("a:") && text.length > 2) return { kind: "asset", id: unescapeId(text.slice(2)) };
  const parts = text.startsWith("e:") ? text.slice(2).split(">") : [];
  if (parts.length === 2 && parts[0] && parts[1]) return { kind: "edge", from: unescapeId(parts[0]), to: unescapeId(parts[1]) };
  return null;
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

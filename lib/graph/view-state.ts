// The view state lives in the URL so that a view can be shared: selection,
// filters, focus and collapsed zones. One codec, used by the page (server),
// the route handler and the client.

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

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: Params, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const v = params[key];
  return Array.isArray(v) ? v[0] : v;
}

function list(value: string | undefined): string[] {
  if (!value) return [];
  return [...new Set(value.split(",").map((s) => s.trim()).filter(Boolean))].sort();
}

export function parseViewState(params: Params): ViewState {
  const sel = read(params, "sel");
  let selected: Selection = null;
  if (sel?.startsWith("a:")) selected = { kind: "asset", id: sel.slice(2) };
  else if (sel?.startsWith("e:")) {
    const [from, to] = sel.slice(2).split(">");
    if (from && to) selected = { kind: "edge", from, to };
  }
  const depthRaw = read(params, "depth");
  let depth: number | null = EMPTY_VIEW.depth;
  if (depthRaw === "all") depth = null;
  else if (depthRaw && /^\d+$/.test(depthRaw)) depth = Math.min(1000, Number(depthRaw));
  return {
    selected,
    zones: list(read(params, "zones")),
    categories: list(read(params, "cats")),
    violationsOnly: read(params, "violations") === "1",
    focus: read(params, "focus") || null,
    depth,
    collapsed: list(read(params, "collapsed")),
  };
}

/** Canonical query string (stable key order, defaults omitted). */
export function serializeViewState(state: ViewState): string {
  const out = new URLSearchParams();
  if (state.selected?.kind === "asset") out.set("sel", `a:${state.selected.id}`);
  if (state.selected?.kind === "edge") out.set("sel", `e:${state.selected.from}>${state.selected.to}`);
  if (state.zones.length) out.set("zones", [...state.zones].sort().join(","));
  if (state.categories.length) out.set("cats", [...state.categories].sort().join(","));
  if (state.violationsOnly) out.set("violations", "1");
  if (state.focus) {
    out.set("focus", state.focus);
    out.set("depth", state.depth === null ? "all" : String(state.depth));
  }
  if (state.collapsed.length) out.set("collapsed", [...state.collapsed].sort().join(","));
  return out.toString();
}

/** The part of the state that changes which nodes exist (selection only highlights). */
export function viewShapeKey(state: ViewState): string {
  return serializeViewState({ ...state, selected: null });
}

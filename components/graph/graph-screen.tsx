"use client";
// The graph screen: one place for the view state (mirrored in the URL so a
// view can be shared), the data the server sent for it, and the level of
// detail. Small views arrive complete; large ones arrive as zone boxes with
// aggregated flows, and zooming in past detailZoomFor(...) fetches only the assets in
// (a margin around) the viewport.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ReactFlowProvider, type Viewport } from "@xyflow/react";
import { NODE_H, NODE_W, edgeId, type Box } from "@/lib/graph/types";
import { detailZoomFor, type GraphView } from "@/lib/graph/view";
import { serializeViewState, viewShapeKey, type Selection, type ViewState } from "@/lib/graph/view-state";
import type { GraphSearchResult, GraphViewResult, SelectionExplanation } from "@/lib/graph/responses";
import { GraphCanvas, type ViewportRequest } from "./graph-canvas";
import { GraphLegend } from "./legend";
import { SidePanel } from "./side-panel";
import { GraphToolbar } from "./toolbar";

const filterKey = (s: ViewState) => viewShapeKey({ ...s, collapsed: [] });
const GRID = 256;
const MARGIN = 0.25;

function initialRequest(state: ViewState, view: GraphView): ViewportRequest {
  if (state.selected?.kind === "asset") {
    const id = state.selected.id;
    const a = view.assets.find((x) => x.id === id);
    if (a) return { kind: "center", x: a.x + NODE_W / 2, y: a.y + NODE_H / 2, zoom: 1, key: `init:${id}` };
  }
  if (state.selected?.kind === "edge") {
    const { from, to } = state.selected;
    const a = view.assets.find((x) => x.id === from);
    const b = view.assets.find((x) => x.id === to);
    if (a && b) {
      const x = Math.min(a.x, b.x);
      const y = Math.min(a.y, b.y);
      const box = { x, y, w: Math.max(a.x, b.x) + NODE_W - x, h: Math.max(a.y, b.y) + NODE_H - y };
      return { kind: "fit", box, key: `init:${from}>${to}`, minZoom: 0.6 };
    }
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

export function GraphScreen(props: { initialState: ViewState; initialView: GraphViewResult }) {
  return (
    <ReactFlowProvider>
      <GraphScreenInner {...props} />
    </ReactFlowProvider>
  );
}

function GraphScreenInner({ initialState, initialView }: { initialState: ViewState; initialView: GraphViewResult }) {
  const [state, setState] = useState(initialState);
  const [base, setBase] = useState(initialView);
  const [detail, setDetail] = useState<{ view: GraphView; box: Box; shape: string } | null>(null);
  const [zoomedIn, setZoomedIn] = useState(false);
  const [request, setRequest] = useState<ViewportRequest | null>(() => initialRequest(initialState, initialView));
  const [explanation, setExplanation] = useState<SelectionExplanation | null>(null);
  const [explaining, setExplaining] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shape = viewShapeKey(state);
  const large = !(base.lod === "detail" && base.complete);
  const detailZoom = detailZoomFor(base.totals.visibleAssets, !large);

  // The URL mirrors the state (replaceState: no server round trip, no history spam).
  useEffect(() => {
    const qs = serializeViewState(state);
    const url = `${window.location.pathname}${qs ? `?${qs}` : ""}`;
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, "", url);
  }, [state]);

  // A new shape (filters, focus, collapsed zones) needs a new view from the server.
  const loadedShape = useRef(viewShapeKey(initialState));
  const loadedFilters = useRef(filterKey(initialState));
  useEffect(() => {
    if (shape === loadedShape.current) return;
    const controller = new AbortController();
    const wanted = shape;
    fetch(`/api/v1/graph?${wanted}${wanted ? "&" : ""}lod=auto`, { signal: controller.signal })
      .then(async (r) => {
        const body = await r.json();
        if (!r.ok) throw new Error(body.message ?? r.statusText);
        return body as GraphViewResult;
      })
      .then((view) => {
        loadedShape.current = wanted;
        setBase(view);
        setDetail(null);
        setError(null);
        const filters = filterKey(state);
        if (filters !== loadedFilters.current) {
          loadedFilters.current = filters;
          setRequest(fitRequest(view, `fit:${wanted}`, state.selected));
        }
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
  }, [shape, state]);

  // The side panel's explanation for the selection.
  const selectionKey = state.selected ? JSON.stringify(state.selected) : "";
  useEffect(() => {
    const sel = state.selected;
    if (!sel) {
      setExplanation(null);
      return;
    }
    const controller = new AbortController();
    setExplaining(true);
    const qs = sel.kind === "asset" ? `asset=${encodeURIComponent(sel.id)}` : `from=${encodeURIComponent(sel.from)}&to=${encodeURIComponent(sel.to)}`;
    fetch(`/api/v1/graph/explain?${qs}`, { signal: controller.signal })
      .then(async (r) => {
        const body = await r.json();
        if (!r.ok) throw new Error(body.message ?? r.statusText);
        setExplanation(body as SelectionExplanation);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      })
      .finally(() => {
        if (!controller.signal.aborted) setExplaining(false);
      });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectionKey]);

  // Level of detail for large views: fetch the assets around the viewport when zoomed in.
  const detailFetch = useRef<{ controller: AbortController; box: Box } | null>(null);
  const lastFetchAt = useRef(0);
  const onViewport = useCallback(
    (viewport: Viewport, size: { width: number; height: number }, settled: boolean) => {
      const inside = viewport.zoom >= detailZoom;
      setZoomedIn((prev) => (prev === inside ? prev : inside));
      if (!large || !inside) return;
      const visible = { x: -viewport.x / viewport.zoom, y: -viewport.y / viewport.zoom, w: size.width / viewport.zoom, h: size.height / viewport.zoom };
      const contains = (b: Box) => b.x <= visible.x && b.y <= visible.y && b.x + b.w >= visible.x + visible.w && b.y + b.h >= visible.y + visible.h;
      if (detail && detail.shape === shape && contains(detail.box)) return;
      if (detailFetch.current && contains(detailFetch.current.box)) return;
      const now = performance.now();
      if (!settled && now - lastFetchAt.current < 250) return;
      lastFetchAt.current = now;
      // A quarter of a screen of margin on each side: enough to pan a little without a fetch,
      // small enough that everything fetched can stay mounted (no culling churn while panning).
      const x0 = Math.floor((visible.x - visible.w * MARGIN) / GRID) * GRID;
      const y0 = Math.floor((visible.y - visible.h * MARGIN) / GRID) * GRID;
      const x1 = Math.ceil((visible.x + visible.w * (1 + MARGIN)) / GRID) * GRID;
      const y1 = Math.ceil((visible.y + visible.h * (1 + MARGIN)) / GRID) * GRID;
      const box = { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
      detailFetch.current?.controller.abort();
      const controller = new AbortController();
      detailFetch.current = { controller, box };
      const wanted = shape;
      fetch(`/api/v1/graph?${wanted}${wanted ? "&" : ""}lod=detail&bbox=${box.x},${box.y},${box.w},${box.h}`, { signal: controller.signal })
        .then((r) => r.json() as Promise<GraphView>)
        .then((view) => {
          if (detailFetch.current?.controller === controller) detailFetch.current = null;
          setDetail({ view, box, shape: wanted });
        })
        .catch(() => {
          if (detailFetch.current?.controller === controller) detailFetch.current = null;
        });
    },
    [large, detail, shape, detailZoom],
  );

  // Zoomed out: zone boxes and aggregated flows. Zoomed in: everything (small views) or the region (large ones).
  const displayed: GraphView = !zoomedIn
    ? base.overview ?? base
    : large
      ? detail && detail.shape === shape
        ? detail.view
        : base
      : base;

  // Highlight the offending paths of the selection, mapped onto what is drawn (a collapsed zone stands for its assets).
  const highlight = useMemo(() => {
    const assets = new Set<string>();
    const edges = new Set<string>();
    if (!explanation) return { assets, edges };
    const drawnAssets = new Set(displayed.assets.map((a) => a.id));
    const zoneNode = new Set(displayed.zones.filter((z) => z.collapsed || displayed.lod === "overview").map((z) => z.id));
    const at = (id: string) => {
      if (drawnAssets.has(id)) return id;
      const z = explanation.zoneOf[id];
      return z && zoneNode.has(z) ? `zone:${z}` : id;
    };
    for (const v of explanation.violations) {
      let path = v.path;
      if (v.edge) {
        const i = path.indexOf(v.edge.from);
        if (!(i >= 0 && path[i + 1] === v.edge.to)) path = path.at(-1) === v.edge.from ? [...path, v.edge.to] : [...path, v.edge.from, v.edge.to];
      }
      for (let i = 0; i < path.length; i++) {
        assets.add(at(path[i]));
        if (i > 0 && at(path[i - 1]) !== at(path[i])) edges.add(edgeId(at(path[i - 1]), at(path[i])));
      }
    }
    return { assets, edges };
  }, [explanation, displayed]);

  const update = useCallback((next: ViewState) => setState(next), []);
  const onToggleZone = useCallback(
    (zone: string) =>
      setState((s) => ({ ...s, collapsed: s.collapsed.includes(zone) ? s.collapsed.filter((z) => z !== zone) : [...s.collapsed, zone].sort() })),
    [],
  );
  const onSelect = useCallback((selected: Selection) => setState((s) => ({ ...s, selected })), []);
  const onPick = useCallback((r: GraphSearchResult) => {
    setState((s) => ({ ...s, selected: { kind: "asset", id: r.id } }));
    setRequest({ kind: "center", x: r.x + NODE_W / 2, y: r.y + NODE_H / 2, zoom: 1, key: `search:${r.id}:${Date.now()}` });
  }, []);

  const nameOf = useMemo(() => {
    const names = new Map<string, string>();
    for (const a of base.assets) names.set(a.id, a.name);
    for (const a of detail?.view.assets ?? []) names.set(a.id, a.name);
    return (id: string) => explanation?.names[id] ?? names.get(id) ?? id;
  }, [base, detail, explanation]);

  return (
    <div className="flex h-full min-h-0 flex-col">
      <GraphToolbar
        state={state}
        zones={base.zoneOptions}
        categories={base.categoryOptions}
        totals={base.totals}
        focusName={state.focus ? nameOf(state.focus) : null}
        onChange={update}
        onPick={onPick}
      />
      <div className="flex min-h-0 flex-1">
        <div className="relative min-w-0 flex-1 bg-slate-50">
          <GraphCanvas
            view={displayed}
            selected={state.selected}
            highlight={highlight}
            onSelect={onSelect}
            onToggleZone={onToggleZone}
            onViewport={onViewport}
            request={request}
          />
          <div className="pointer-events-none absolute bottom-3 left-3 right-16 z-10 flex">
            <GraphLegend />
          </div>
          {large && displayed.lod === "overview" ? (
            <div className="pointer-events-none absolute left-3 top-3 z-10 rounded-md bg-white/90 px-2.5 py-1.5 text-xs text-slate-600 shadow-sm ring-1 ring-slate-200" data-testid="lod-hint">
              Overview: zones and aggregated flows. Zoom in to see assets.
              {base.totals.omittedUnzoned ? ` ${base.totals.omittedUnzoned.toLocaleString("en")} unzoned assets appear when zoomed in.` : ""}
            </div>
          ) : null}
          {error ? (
            <div className="absolute right-3 top-3 z-10 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 ring-1 ring-rose-200" role="alert">
              {error}
            </div>
          ) : null}
        </div>
        {state.selected ? (
          <SidePanel
            explanation={explanation}
            loading={explaining}
            error={null}
            names={nameOf}
            onClose={() => onSelect(null)}
            onFocus={(asset) => setState((s) => ({ ...s, focus: asset, depth: s.depth ?? 2 }))}
          />
        ) : null}
      </div>
    </div>
  );
}
